package io.omnihub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.HubJson;
import io.omnihub.mappings.identity.IdentityResolver.WeakKey;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityLogCodecTest {

    static final Instant AT = Instant.parse("2026-12-02T09:30:00.123456789Z");

    /** Every kind of fact, with the odd values: nulls, quotes, tabs, line breaks, CJK, an instant before 1970. */
    static IdentityChange everything() {
        Identifier phone = Identifier.of(Type.PHONE, "+8613800000001");
        Identifier card = new Identifier(Type.MEMBER_CARD, "K\t\"1\"\n", "pos-a");
        IdentityChange c = IdentityChange.at(AT);
        c.records().add(new IdentityChange.Record("C-1", "C-1", AT.minusNanos(1)));
        c.records()
                .add(new IdentityChange.Record("C-2", "C-1", Instant.parse("1969-12-31T23:59:59.5Z"), "C-1", AT, AT));
        c.identifiers().add(new IdentityChange.Held(phone, "C-1", "pos-a", AT));
        c.identifiers().add(new IdentityChange.Held(card, "C-2", "pos-a", AT.plusSeconds(1)));
        c.merges()
                .add(new IdentityChange.Merged(
                        "M-1", "C-1", "C-2", "{\"eventId\":\"e\\\"2\"}", List.of("h1", "h2"), List.of()));
        c.merges()
                .add(new IdentityChange.Merged(
                        "M-2", "C-1", "C-3", "{}", List.of(), List.of("h3"), AT, AT, "undone by hand"));
        c.goldenMoves().put("C-3", "C-1");
        c.goldenMoves().put("C-4", "C-1");
        c.attributes().add(new IdentityChange.Observed("C-1", "name", "pos-a", "王芳", AT));
        c.touched().add("C-1");
        c.seenWith().add(List.of(phone, card));
        c.shared().add(new IdentityChange.SharedMark(phone, "five people"));
        c.shared().add(new IdentityChange.SharedMark(card, "a shop's", AT));
        c.weakKeys().add(new WeakKey("138****0001", "C-1", "wangfang", null, "ph"));
        c.weakKeys().add(new WeakKey("138****0002", "C-2", "lina", "杭州", null));
        c.refused()
                .add(new IdentityChange.Refused(
                        "C-2", "e9", "limit", "too many cards", "MEMBER_CARD:pos-a:K****", null));
        c.refused()
                .add(new IdentityChange.Refused("C-3", "e8", "kept-apart", "undo", "PHONE:+86138****0001", "C-1", AT));
        c.splits().add(new IdentityChange.Split("M-2", "C-3", "its link became shared"));
        c.keptApart().add(List.of("C-1", "C-3"));
        c.erasedRecords().add("C-9");
        c.erasedHashes().add("he");
        c.changes().put("C-1", "MERGED");
        c.changes().put("C-3", "SPLIT");
        c.mergedIds().put("C-1", List.of("C-2", "C-4"));
        c.names().add(List.of("C-1", "wangfang"));
        return c;
    }

    @Test
    void anEntryReadsBackAsWritten() {
        IdentityChange c = everything();
        byte[] json = IdentityLogCodec.encode(c);
        assertThat(IdentityLogCodec.decode(json)).isEqualTo(c);
        assertThat(json.length)
                .as("shorter than data binding writes it")
                .isLessThan(HubJson.write(c).getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anEmptyEntryReadsBackAsWritten() {
        IdentityChange c = IdentityChange.at(AT);
        assertThat(IdentityLogCodec.decode(IdentityLogCodec.encode(c))).isEqualTo(c);
    }

    @Test
    void anEntryOfTheDataBindingFormReadsToo() {
        IdentityChange c = everything();
        assertThat(IdentityLogCodec.decode(HubJson.write(c).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(c);
    }
}
