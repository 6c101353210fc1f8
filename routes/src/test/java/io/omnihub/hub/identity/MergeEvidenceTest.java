package io.omnihub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityResolver;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MergeEvidenceTest {

    /** The hand-written evidence is the JSON data binding wrote before, to the byte. */
    @Test
    void evidenceIsWhatDataBindingWrote() {
        Identifier phone = Identifier.of(Type.PHONE, "+8613800000001");
        Identifier card = new Identifier(Type.MEMBER_CARD, "K\t\"1\"\n\\", "pos-a");
        Identifier union = Identifier.of(Type.UNION_ID, "oU王");
        for (IdentityResolver.Merge m : List.of(
                new IdentityResolver.Merge(
                        "C-1",
                        "C-2",
                        "pos-a:\"e1\"",
                        "pos-a",
                        Instant.parse("2026-12-02T09:30:00.123Z"),
                        List.of(phone),
                        List.of(card),
                        false,
                        false),
                new IdentityResolver.Merge(
                        "C-1",
                        "C-3",
                        "e2",
                        "partner",
                        Instant.parse("2026-12-02T09:30:00Z"),
                        List.of(),
                        List.of(union, phone),
                        true,
                        false),
                new IdentityResolver.Merge(
                        "C-1", "C-4", "e3\u0001", "tmall", Instant.EPOCH, List.of(), List.of(), true, true))) {
            assertThat(MergeEvidence.evidence(m)).isEqualTo(boundEvidence(m));
        }
    }

    @Test
    void randomIdsAreVersionFourUuids() {
        for (int i = 0; i < 1_000; i++) {
            UUID u = UUID.fromString(RandomIds.uuid());
            assertThat(u.version()).isEqualTo(4);
            assertThat(u.variant()).isEqualTo(2);
        }
        assertThat(RandomIds.uuid()).isNotEqualTo(RandomIds.uuid());
    }

    /** How evidence was written until 2026-12-02: a map through the hub's Jackson. */
    private static String boundEvidence(IdentityResolver.Merge m) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("eventId", m.eventId());
        evidence.put("source", m.source());
        evidence.put("observedAt", m.observedAt().toString());
        evidence.put(
                "kind",
                m.weak()
                        ? "new source record linked on weak evidence (masked phone, name, city)"
                        : m.newRecord() ? "new source record linked" : "customers merged");
        List<Identifier> links = new ArrayList<>(m.survivorLinks());
        links.addAll(m.absorbedLinks());
        evidence.put(
                "links",
                links.stream()
                        .map(i -> i.type() + ":" + (i.scope().isEmpty() ? "" : i.scope() + ":") + MergeEvidence.mask(i))
                        .toList());
        return HubJson.write(evidence);
    }
}
