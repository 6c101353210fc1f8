package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.ShipTo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one event says about one person, ready for the identity graph: its identifiers normalized
 * (weak ones such as masked phones left out), the attributes it observed, from which source and
 * when, and its weak evidence. Built from a member event or from an order's buyer.
 */
public record IdentityEvidence(
        String eventId,
        String source,
        Instant observedAt,
        List<Identifier> identifiers,
        Map<String, String> attributes,
        boolean deleted,
        Weak weak) {

    /**
     * Weak evidence: the masked phone bucket ({@code 138****5678}, from a masked or a full phone),
     * the name's pinyin key, the city and a hash of the full phone when there is one (the hash is
     * all the graph keeps of it here). Never a link on its
     * own; together, unambiguous, it may join a record that nothing strong joins.
     */
    public record Weak(String phoneBucket, String nameKey, String city, String phoneHash) {

        static Weak of(String rawPhone, String name, String city) {
            // a full phone is never masked: its bucket comes from the number, read once
            String phone = IdentifierNormalizer.phone(rawPhone);
            String bucket =
                    phone != null ? IdentifierNormalizer.bucketOf(phone) : IdentifierNormalizer.maskBucket(rawPhone);
            String key = bucket == null ? null : PersonName.key(name);
            if (key == null) {
                return null;
            }
            String c = city == null || city.isBlank() ? null : withoutShi(city.trim());
            return new Weak(bucket, key, c, phone == null ? null : IdentifierHash.sha256Hex(phone));
        }

        /** {@code city.replaceAll("[市]$", "")} (杭州市 -> 杭州), the regex only before a final line terminator. */
        static String withoutShi(String city) {
            char last = city.charAt(city.length() - 1);
            if (last == '\n' || last == '\r' || last == '\u0085' || last == '\u2028' || last == '\u2029') {
                return city.replaceAll("[市]$", "");
            }
            return last == '市' ? city.substring(0, city.length() - 1) : city;
        }
    }

    public IdentityEvidence {
        identifiers = List.copyOf(identifiers);
        attributes = Map.copyOf(attributes);
    }

    public IdentityEvidence(
            String eventId,
            String source,
            Instant observedAt,
            List<Identifier> identifiers,
            Map<String, String> attributes,
            boolean deleted) {
        this(eventId, source, observedAt, identifiers, attributes, deleted, null);
    }

    /** The buyer of an order (a shared phone may still link it by an exact name, see {@link IdentityResolver}). */
    public boolean fromOrder() {
        return eventId.startsWith("order:");
    }

    public static IdentityEvidence of(MemberEvent e) {
        Map<String, String> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                attributes.put(k, v.trim());
            }
        });
        String phone = e.identifiers().stream()
                .filter(i -> i.type() == Identifier.Type.PHONE)
                .map(Identifier::value)
                .findFirst()
                .orElse(attributes.get("phoneHint"));
        return new IdentityEvidence(
                "member:" + e.eventId(),
                e.source(),
                e.occurredAt(),
                normalize(e.identifiers()),
                attributes,
                e.kind() == MemberEvent.Kind.DELETED,
                Weak.of(phone, attributes.get("name"), attributes.get("city")));
    }

    /** The buyer of an order; empty when the order names nobody the graph could recognise. */
    public static Optional<IdentityEvidence> of(Order o) {
        Buyer b = o.buyer();
        if (b == null) {
            return Optional.empty();
        }
        List<Identifier> raw = new ArrayList<>();
        if (b.platformBuyerId() != null) {
            raw.add(new Identifier(Identifier.Type.PLATFORM_BUYER_ID, b.platformBuyerId(), o.channelId()));
        }
        if (b.phone() != null) {
            raw.add(Identifier.of(Identifier.Type.PHONE, b.phone()));
        }
        if (b.email() != null) {
            raw.add(Identifier.of(Identifier.Type.EMAIL, b.email()));
        }
        if (b.memberCard() != null) {
            raw.add(new Identifier(Identifier.Type.MEMBER_CARD, b.memberCard(), o.channelId()));
        }
        if (b.unionId() != null) {
            raw.add(Identifier.of(Identifier.Type.UNION_ID, b.unionId()));
        }
        List<Identifier> ids = normalize(raw);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (b.name() != null && !b.name().isBlank()) {
            attributes.put("name", b.name().trim());
        }
        // the buyer's own phone and name when the channel gives them, else the receiver's (a platform
        // masks both the same way): weak evidence about the same person most of the time
        ShipTo to = o.shipTo();
        String phone = b.phone() != null
                ? b.phone()
                : b.phoneHint() != null ? b.phoneHint() : to == null ? null : to.phoneHint();
        String name = b.name() != null ? b.name() : to == null ? null : to.name();
        return Optional.of(new IdentityEvidence(
                "order:" + o.key() + ":" + o.modifiedAt(),
                o.channelId(),
                o.modifiedAt(),
                ids,
                attributes,
                false,
                Weak.of(phone, name, to == null ? null : to.city())));
    }

    private static List<Identifier> normalize(List<Identifier> raw) {
        Set<Identifier> out = new LinkedHashSet<>();
        for (Identifier id : raw) {
            IdentifierNormalizer.normalize(id).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }
}
