package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
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
 * when. Built from a member event or from an order's buyer.
 */
public record IdentityEvidence(String eventId, String source, Instant observedAt, List<Identifier> identifiers,
                               Map<String, String> attributes, boolean deleted) {

    public IdentityEvidence {
        identifiers = List.copyOf(identifiers);
        attributes = Map.copyOf(attributes);
    }

    public static IdentityEvidence of(MemberEvent e) {
        Map<String, String> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                attributes.put(k, v.trim());
            }
        });
        return new IdentityEvidence("member:" + e.eventId(), e.source(), e.occurredAt(), normalize(e.identifiers()),
                attributes, e.kind() == MemberEvent.Kind.DELETED);
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
        return Optional.of(new IdentityEvidence("order:" + o.key() + ":" + o.modifiedAt(), o.channelId(),
                o.modifiedAt(), ids, attributes, false));
    }

    private static List<Identifier> normalize(List<Identifier> raw) {
        Set<Identifier> out = new LinkedHashSet<>();
        for (Identifier id : raw) {
            IdentifierNormalizer.normalize(id).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }
}
