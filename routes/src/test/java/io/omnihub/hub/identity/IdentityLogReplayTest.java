package io.omnihub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.identity.IdentityEvidence;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.identity.IdentityResolver.Outcome;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.identity.IdentityRules;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A hub that reads the identity log back (a restart, another hub) holds the graph the writer held
 * and decides the next batch as the writer would: every record, identifier, attribute, merge and
 * refusal survives encoding, and the resolver's view built from the replayed tables is the one the
 * resolver kept up to date itself.
 */
class IdentityLogReplayTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    static final String[] NAMES = {"李雷", "韩梅梅", "王芳", "张伟", "刘洋"};

    /** People with cards, member ids, e-mails and phones, some phones a family's or a shop's, names sometimes off. */
    static List<IdentityEvidence> events(int from, int n, Random r) {
        List<IdentityEvidence> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            int person = r.nextInt(400);
            List<Identifier> ids = new ArrayList<>();
            switch (r.nextInt(3)) {
                case 0 ->
                    ids.add(new Identifier(
                            Type.MEMBER_CARD, "K" + person + (r.nextInt(20) == 0 ? "b" : ""), "pos-east"));
                case 1 -> ids.add(new Identifier(Type.PARTNER_MEMBER_ID, "M" + person, "partner-acme"));
                default -> ids.add(Identifier.of(Type.EMAIL, "p" + person + "@example.cn"));
            }
            // one phone in ten is shared by a few people (a family's), one in fifty by many (a shop's)
            int phone = r.nextInt(50) == 0 ? 9_999 : r.nextInt(10) == 0 ? person / 4 + 5_000 : person;
            ids.add(Identifier.of(Type.PHONE, "+86139" + String.format("%08d", phone)));
            String name = NAMES[person % NAMES.length] + (r.nextInt(10) == 0 ? "子" : "");
            out.add(new IdentityEvidence(
                    "e" + i,
                    ids.get(0).scope().isEmpty() ? "partner-acme" : ids.get(0).scope(),
                    T.plusSeconds(i),
                    ids,
                    Map.of("name", name, "city", r.nextBoolean() ? "杭州" : "上海"),
                    false));
        }
        return out;
    }

    @Test
    void aReplayedLogHoldsTheGraphAndDecidesTheNextBatchAsTheWriterDoes() {
        Random r = new Random(5);
        AtomicInteger ids = new AtomicInteger();
        IdentityResolver writer = new IdentityResolver(IdentityRules.defaults(), () -> "C" + ids.incrementAndGet());
        Snapshot live = new Snapshot();
        IdentityTables liveTables = new IdentityTables();
        List<byte[]> log = new ArrayList<>();
        for (int batch = 0; batch < 12; batch++) {
            Instant now = T.plusSeconds(3600L * batch);
            Outcome o = writer.resolve(events(batch * 150, 150, r), live, now);
            IdentityChange change = IdentityGraph.changeOf(o, now);
            liveTables.apply(change);
            log.add(IdentityLogCodec.encode(change));
        }

        IdentityTables replayed = new IdentityTables();
        log.forEach(entry -> replayed.apply(IdentityLogCodec.decode(entry)));
        assertThat(replayed.size()).isEqualTo(liveTables.size()).isGreaterThan(300);
        assertThat(replayed.goldenCustomers()).isEqualTo(liveTables.goldenCustomers());
        assertThat(replayed.shared())
                .as("some phones shared")
                .isNotEmpty()
                .extracting(IdentityTables.SharedRow::identifier)
                .containsExactlyElementsOf(liveTables.shared().stream()
                        .map(IdentityTables.SharedRow::identifier)
                        .toList());
        for (int person = 0; person < 400; person++) {
            for (Identifier i : List.of(
                    new Identifier(Type.MEMBER_CARD, "K" + person, "pos-east"),
                    new Identifier(Type.PARTNER_MEMBER_ID, "M" + person, "partner-acme"),
                    Identifier.of(Type.EMAIL, "p" + person + "@example.cn"))) {
                String golden = liveTables
                        .holder(i)
                        .map(h -> liveTables.golden(h.record()))
                        .orElse(null);
                assertThat(replayed.holder(i)
                                .map(h -> replayed.golden(h.record()))
                                .orElse(null))
                        .as(i.toString())
                        .isEqualTo(golden);
                if (golden != null) {
                    assertThat(replayed.identifiersOf(golden)).isEqualTo(liveTables.identifiersOf(golden));
                    assertThat(replayed.observations(golden, Function.identity()))
                            .containsExactlyInAnyOrderElementsOf(liveTables.observations(golden, Function.identity()));
                    assertThat(replayed.mergesOf(golden))
                            .extracting(m -> m.merge)
                            .isEqualTo(liveTables.mergesOf(golden).stream()
                                    .map(m -> m.merge)
                                    .toList());
                    assertThat(replayed.refusedOf(golden))
                            .extracting(x -> x.refused())
                            .isEqualTo(liveTables.refusedOf(golden).stream()
                                    .map(x -> x.refused())
                                    .toList());
                }
            }
        }

        // the next batch, decided on the writer's own view and on one built from the replayed log
        Snapshot rebuilt = new Snapshot();
        replayed.fill(rebuilt, null);
        List<IdentityEvidence> next = events(10_000, 300, new Random(6));
        int at = ids.get();
        AtomicInteger a = new AtomicInteger(at);
        AtomicInteger b = new AtomicInteger(at);
        Outcome onLive = new IdentityResolver(IdentityRules.defaults(), () -> "C" + a.incrementAndGet())
                .resolve(next, live, T.plusSeconds(86_400));
        Outcome onReplay = new IdentityResolver(IdentityRules.defaults(), () -> "C" + b.incrementAndGet())
                .resolve(next, rebuilt, T.plusSeconds(86_400));
        assertThat(onReplay.resolved).isEqualTo(onLive.resolved);
        assertThat(onReplay.merges).isEqualTo(onLive.merges);
        assertThat(onReplay.refused).isEqualTo(onLive.refused);
        assertThat(onReplay.shared).isEqualTo(onLive.shared);
        assertThat(onLive.merges)
                .as("the next batch links to customers of before")
                .isNotEmpty();
    }
}
