package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Customer.AttributeValue;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void oneCardPerProgramAndOneUnionIdButAFewPhones() {
        IdentityRules rules = IdentityRules.defaults();
        assertThat(rules.fits(List.of(
                        new Identifier(Type.MEMBER_CARD, "C1", "pos-east"),
                        new Identifier(Type.MEMBER_CARD, "C9", "youzan"))))
                .as("cards of two programs")
                .isTrue();
        assertThat(rules.fits(List.of(
                        new Identifier(Type.MEMBER_CARD, "C1", "pos-east"),
                        new Identifier(Type.MEMBER_CARD, "C2", "pos-east"))))
                .isFalse();
        assertThat(rules.fits(List.of(Identifier.of(Type.UNION_ID, "u1"), Identifier.of(Type.UNION_ID, "u2"))))
                .isFalse();
        assertThat(rules.fits(List.of(
                        Identifier.of(Type.PHONE, "+8613800000001"),
                        Identifier.of(Type.PHONE, "+8613800000002"),
                        Identifier.of(Type.PHONE, "+8613800000003"))))
                .isTrue();
        assertThat(rules.shared(1)).isFalse();
        assertThat(rules.shared(2)).isTrue();
        assertThat(new IdentityRules(Map.of(Type.MEMBER_CARD, 2), 3)
                        .fits(List.of(
                                new Identifier(Type.MEMBER_CARD, "C1", "p"),
                                new Identifier(Type.MEMBER_CARD, "C2", "p"))))
                .as("configured")
                .isTrue();
        assertThat(List.of(Identifier.of(Type.PHONE, "+86"), Identifier.of(Type.UNION_ID, "u")).stream()
                        .sorted(IdentityRules.STRONGEST_FIRST)
                        .map(Identifier::type))
                .containsExactly(Type.UNION_ID, Type.PHONE);
    }

    @Test
    void aPartnerProgramMayGiveOnePersonThreeMemberIds() {
        IdentityRules rules = IdentityRules.defaults();
        List<Identifier> three = List.of(
                new Identifier(Type.PARTNER_MEMBER_ID, "M-A1", "partner-acme"),
                new Identifier(Type.PARTNER_MEMBER_ID, "W-A1", "partner-acme"),
                new Identifier(Type.PARTNER_MEMBER_ID, "W-A2", "partner-acme"));
        assertThat(rules.fits(three)).isTrue();
        Identifier fourth = new Identifier(Type.PARTNER_MEMBER_ID, "W-A3", "partner-acme");
        assertThat(rules.brokenLimit(three, fourth))
                .isEqualTo("at most 3 PARTNER_MEMBER_ID of partner-acme per customer");
        assertThat(rules.brokenLimit(three, three.get(0)))
                .as("one it holds already")
                .isNull();
        assertThat(rules.brokenLimit(three, new Identifier(Type.PARTNER_MEMBER_ID, "X", "partner-other")))
                .isNull();
    }

    @Test
    void theMostTrustedSourceWinsThenTheMostRecent() {
        Survivorship s = new Survivorship(List.of("pos-ftp", "partner"));
        Map<String, AttributeValue> golden = s.golden(List.of(
                new Survivorship.Observation("name", "张老三", "youzan-mall", "youzan", T.plusSeconds(60)),
                new Survivorship.Observation("name", "张三", "pos-east", "pos-ftp", T),
                new Survivorship.Observation("gender", "M", "youzan-mall", "youzan", T),
                new Survivorship.Observation("gender", "F", "taobao-x", "taobao", T.plusSeconds(5)),
                new Survivorship.Observation("birthday", " ", "pos-east", "pos-ftp", T)));
        assertThat(golden.get("name")).isEqualTo(new AttributeValue("张三", "pos-east", T));
        assertThat(golden.get("gender").value())
                .as("equally untrusted: the most recent")
                .isEqualTo("F");
        assertThat(golden).doesNotContainKey("birthday");
    }

    @Test
    void evidenceFromAnOrderLeavesMaskedPhonesOutAndScopesBuyerIds() {
        Order o = new Order(
                Order.SCHEMA,
                "tmall-flagship",
                "taobao",
                "1",
                OrderStatus.PAID,
                T,
                T,
                T,
                new Buyer("AAHk3m0Z", "nick", null, null, "138****5678", null, null, null),
                null,
                List.of(),
                0,
                0,
                null);
        IdentityEvidence e = IdentityEvidence.of(o).orElseThrow();
        assertThat(e.identifiers())
                .containsExactly(new Identifier(Type.PLATFORM_BUYER_ID, "AAHk3m0Z", "tmall-flagship"));
        assertThat(e.eventId()).isEqualTo("order:tmall-flagship:1:" + T);
        MemberEvent m = new MemberEvent(
                MemberEvent.SCHEMA,
                "e1",
                MemberEvent.Kind.DELETED,
                "pos-east",
                List.of(Identifier.of(Type.PHONE, "138 0013 8000")),
                Map.of("name", " 李四 "),
                T);
        IdentityEvidence me = IdentityEvidence.of(m);
        assertThat(me.identifiers()).containsExactly(Identifier.of(Type.PHONE, "+8613800138000"));
        assertThat(me.attributes()).containsEntry("name", "李四");
        assertThat(me.deleted()).isTrue();
    }
}
