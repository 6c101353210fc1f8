package io.omnihub.mappings.identity;

import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guardrails against over-merging. Each identifier type has a priority and a limit per golden
 * customer (one union id, one card per program, a few phones); a merge or link that would break
 * a limit is not made, and the lower-priority link is the one refused (the resolver keeps the
 * refused identifiers as a customer of their own, never drops them). A partner program may give
 * one person several member ids (a phone record and a WeChat-only record, joined by the union id
 * or a card): up to three per program. Only an anchor can join them, since a phone or e-mail seen
 * with two member ids of one program is shared. A phone or e-mail seen
 * with more than {@code sharedAfter} distinct anchors of one kind (member cards of one program,
 * union ids, buyer ids of one platform) is shared, a family's or a shop's, and links nothing.
 */
public final class IdentityRules {

    /** Strongest first: the order in which links are kept when not all of them can be. */
    public static final List<Type> PRIORITY = List.of(
            Type.UNION_ID,
            Type.MEMBER_CARD,
            Type.PARTNER_MEMBER_ID,
            Type.WECOM_EXTERNAL_ID,
            Type.OPEN_ID,
            Type.PLATFORM_BUYER_ID,
            Type.EMAIL,
            Type.PHONE);
    /** Identifiers a person may share with others (a family phone), checked against the anchors. */
    public static final Set<Type> SHAREABLE = Set.of(Type.PHONE, Type.EMAIL);

    private final Map<Type, Integer> limits = new EnumMap<>(Type.class);
    private final int sharedAfter;

    public IdentityRules(Map<Type, Integer> limits, int sharedAfter) {
        this.limits.putAll(Map.of(
                Type.UNION_ID,
                1,
                Type.MEMBER_CARD,
                1,
                Type.PARTNER_MEMBER_ID,
                3,
                Type.WECOM_EXTERNAL_ID,
                1,
                Type.OPEN_ID,
                1,
                Type.PLATFORM_BUYER_ID,
                2,
                Type.EMAIL,
                5,
                Type.PHONE,
                3));
        this.limits.putAll(limits);
        this.sharedAfter = sharedAfter;
    }

    public static IdentityRules defaults() {
        return new IdentityRules(Map.of(), 1);
    }

    public static final Comparator<Identifier> STRONGEST_FIRST =
            Comparator.comparingInt(i -> PRIORITY.indexOf(i.type()));

    /** Whether one golden customer may hold all of these (limits count per type and scope). */
    public boolean fits(Collection<Identifier> identifiers) {
        Map<String, Integer> counts = new HashMap<>();
        for (Identifier id : identifiers) {
            int n = counts.merge(id.type() + "\u0000" + id.scope(), 1, Integer::sum);
            if (n > limits.getOrDefault(id.type(), 1)) {
                return false;
            }
        }
        return true;
    }

    /** The limit that keeps one more identifier of this type and scope out of a cluster holding these, or null. */
    public String brokenLimit(Collection<Identifier> identifiers, Identifier more) {
        long n = identifiers.stream()
                        .filter(i -> i.type() == more.type() && i.scope().equals(more.scope()) && !i.equals(more))
                        .count()
                + 1;
        int limit = limits.getOrDefault(more.type(), 1);
        return n > limit
                ? "at most " + limit + " " + more.type() + (more.scope().isEmpty() ? "" : " of " + more.scope())
                        + " per customer"
                : null;
    }

    public boolean isAnchor(Type type) {
        return !SHAREABLE.contains(type);
    }

    /** Whether a shareable identifier seen with this many distinct anchors of one kind is shared. */
    public boolean shared(int distinctAnchorsOfOneKind) {
        return distinctAnchorsOfOneKind > sharedAfter;
    }
}
