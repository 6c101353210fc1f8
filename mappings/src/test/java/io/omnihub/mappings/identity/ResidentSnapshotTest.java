package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.identity.IdentityResolver.Outcome;
import io.omnihub.mappings.identity.IdentityResolver.Resolved;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A snapshot kept resident across batches decides as one batch would: the resolver applies each
 * batch to it (merges folded in, so every record of an absorbed customer follows the survivor), and
 * the next batch needs nothing read again.
 */
class ResidentSnapshotTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

    /** Random people seen through cards, phones, buyer ids and e-mails, some linking several others. */
    static List<IdentityEvidence> events(int n, long seed) {
        Random r = new Random(seed);
        List<IdentityEvidence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int person = r.nextInt(n / 3 + 1);
            List<Identifier> ids = new ArrayList<>();
            switch (r.nextInt(4)) {
                case 0 -> ids.add(new Identifier(Type.MEMBER_CARD, "K" + person, "pos-east"));
                case 1 -> ids.add(new Identifier(Type.PLATFORM_BUYER_ID, "b" + person, "tmall-flagship"));
                case 2 -> ids.add(Identifier.of(Type.EMAIL, "p" + person + "@example.cn"));
                default -> ids.add(Identifier.of(Type.UNION_ID, "u" + person));
            }
            ids.add(Identifier.of(Type.PHONE, "+86138" + String.format("%08d", person)));
            if (r.nextInt(3) == 0) {
                ids.add(Identifier.of(Type.EMAIL, "p" + person + "@example.cn"));
            }
            out.add(new IdentityEvidence("e" + i, "pos-east", T.plusSeconds(i), ids, Map.of("name", "李雷"), false));
        }
        return out;
    }

    /** Which events ended up with which other events: the partition, whatever the ids are called. */
    static Map<String, String> together(List<Resolved> resolved) {
        Map<String, String> firstEventOf = new HashMap<>();
        Map<String, String> out = new HashMap<>();
        for (Resolved r : resolved) {
            out.put(r.eventId(), firstEventOf.computeIfAbsent(r.goldenId(), g -> r.eventId()));
        }
        return out;
    }

    @Test
    void batchesOnAResidentSnapshotDecideAsOneBatchDoes() {
        List<IdentityEvidence> all = events(3_000, 7);
        AtomicInteger a = new AtomicInteger();
        Outcome once = new IdentityResolver(IdentityRules.defaults(), () -> "C" + a.incrementAndGet())
                .resolve(all, new Snapshot(), T);

        AtomicInteger b = new AtomicInteger();
        IdentityResolver resolver = new IdentityResolver(IdentityRules.defaults(), () -> "C" + b.incrementAndGet());
        Snapshot resident = new Snapshot();
        List<Resolved> inBatches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 250) {
            Outcome o = resolver.resolve(all.subList(i, Math.min(all.size(), i + 250)), resident, T);
            inBatches.addAll(o.resolved);
        }
        // golden ids of early batches have moved on since: read every event's customer as the resident graph has it now
        List<Resolved> now = inBatches.stream()
                .map(r -> new Resolved(r.eventId(), r.memberId(), goldenNow(resident, r.memberId()), r.unresolved()))
                .toList();
        assertThat(together(now)).isEqualTo(together(once.resolved));
        assertThat(once.merges).isNotEmpty();
    }

    @Test
    void anAbsorbedCustomersRecordsFollowTheSurvivorInLaterBatches() {
        AtomicInteger n = new AtomicInteger();
        IdentityResolver resolver = new IdentityResolver(IdentityRules.defaults(), () -> "C" + n.incrementAndGet());
        Snapshot resident = new Snapshot();
        Identifier card = new Identifier(Type.MEMBER_CARD, "K1", "pos-east");
        Identifier buyer = new Identifier(Type.PLATFORM_BUYER_ID, "b1", "tmall-flagship");
        Identifier email = Identifier.of(Type.EMAIL, "li@example.cn");
        resolver.resolve(
                List.of(new IdentityEvidence("e1", "pos-east", T, List.of(card), Map.of(), false)), resident, T);
        resolver.resolve(
                List.of(new IdentityEvidence("e2", "tmall-flagship", T, List.of(buyer), Map.of(), false)),
                resident,
                T.plusSeconds(1));
        Outcome merge = resolver.resolve(
                List.of(new IdentityEvidence("e3", "pos-east", T, List.of(card, buyer), Map.of(), false)),
                resident,
                T.plusSeconds(2));
        assertThat(merge.merges)
                .singleElement()
                .satisfies(m -> assertThat(m.survivorId()).isEqualTo("C1"));
        assertThat(resident.members("C1")).containsExactlyInAnyOrder("C1", "C2");
        Outcome later = resolver.resolve(
                List.of(new IdentityEvidence("e4", "pos-east", T, List.of(buyer, email), Map.of(), false)),
                resident,
                T.plusSeconds(3));
        assertThat(later.resolved)
                .singleElement()
                .satisfies(r -> assertThat(r.goldenId()).isEqualTo("C1"));
        assertThat(later.merges)
                .singleElement()
                .satisfies(m -> assertThat(m.survivorId()).isEqualTo("C1"));
    }

    static String goldenNow(Snapshot s, String member) {
        for (String g : List.copyOf(allGoldens(s))) {
            if (s.members(g).contains(member)) {
                return g;
            }
        }
        return member;
    }

    static List<String> allGoldens(Snapshot s) {
        return s.goldens();
    }
}
