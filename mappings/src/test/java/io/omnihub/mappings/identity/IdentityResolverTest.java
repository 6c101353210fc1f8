package io.omnihub.mappings.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.mappings.identity.IdentityResolver.Outcome;
import io.omnihub.mappings.identity.IdentityResolver.Snapshot;
import io.omnihub.mappings.model.Customer.Change;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.Identifier.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The batch resolver on its own: what it decides for events in order, against a snapshot of the graph. */
class IdentityResolverTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    static final Identifier PHONE = Identifier.of(Type.PHONE, "+8613800000001");
    static final Identifier CARD_1 = new Identifier(Type.MEMBER_CARD, "K1", "pos-east");
    static final Identifier CARD_2 = new Identifier(Type.MEMBER_CARD, "K2", "pos-east");
    static final Identifier BUYER = new Identifier(Type.PLATFORM_BUYER_ID, "b1", "tmall-flagship");
    static final Identifier EMAIL = Identifier.of(Type.EMAIL, "li@example.cn");

    final AtomicInteger ids = new AtomicInteger();
    final IdentityResolver resolver = new IdentityResolver(IdentityRules.defaults(), () -> "C" + ids.incrementAndGet());

    static IdentityEvidence event(String id, Identifier... identifiers) {
        return new IdentityEvidence(id, "pos-east", T, List.of(identifiers), Map.of("name", "李雷"), false);
    }

    /** Customer A holding {@code a} and customer B holding {@code b}, created at those times. */
    static Snapshot twoCustomers(Identifier a, Instant createdA, Identifier b, Instant createdB) {
        Snapshot s = new Snapshot();
        s.owner(a, "A", "A");
        s.golden("A", createdA);
        s.clusterIdentifier("A", a);
        s.owner(b, "B", "B");
        s.golden("B", createdB);
        s.clusterIdentifier("B", b);
        return s;
    }

    @Test
    void eventsOfOneBatchLinkToEachOtherAsIfAppliedOneByOne() {
        Outcome o = resolver.resolve(
                List.of(event("e1", CARD_1, PHONE), event("e2", BUYER, PHONE), event("e3", EMAIL, BUYER)),
                new Snapshot(),
                T);
        assertThat(o.newCustomers).hasSize(3); // one golden customer, three source records
        assertThat(o.resolved).extracting(IdentityResolver.Resolved::goldenId).containsOnly("C1");
        assertThat(o.changes).containsExactly(Map.entry("C1", Change.CREATED));
        assertThat(o.merges)
                .allMatch(IdentityResolver.Merge::newRecord)
                .extracting(IdentityResolver.Merge::survivorId)
                .containsOnly("C1");
        assertThat(o.merges.get(0).survivorLinks()).containsExactly(PHONE);
        assertThat(o.merges.get(0).absorbedLinks()).containsExactly(BUYER);
        assertThat(o.goldenOf).containsEntry("C2", "C1").containsEntry("C3", "C1");
    }

    @Test
    void twoExistingCustomersMergeIntoTheOlderOne() {
        Snapshot s = twoCustomers(PHONE, T.plusSeconds(10), EMAIL, T);
        Outcome o = resolver.resolve(List.of(event("e1", PHONE, EMAIL)), s, T.plusSeconds(60));
        assertThat(o.newCustomers).isEmpty();
        assertThat(o.merges).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo("B");
            assertThat(m.absorbedId()).isEqualTo("A");
            assertThat(m.newRecord()).isFalse();
        });
        assertThat(o.changes).containsExactly(Map.entry("B", Change.MERGED));
        assertThat(o.absorbed).containsEntry("B", List.of("A"));
        assertThat(o.goldenOf).containsEntry("A", "B");
    }

    @Test
    void aMergeThatWouldGiveOnePersonTwoCardsOfOneProgramIsNotMade() {
        Snapshot s = twoCustomers(CARD_1, T, CARD_2, T.plusSeconds(1));
        Outcome o = resolver.resolve(List.of(event("e1", CARD_1, CARD_2, EMAIL)), s, T.plusSeconds(60));
        assertThat(o.merges).noneMatch(m -> m.absorbedId().equals("B"));
        assertThat(o.resolved.get(0).goldenId()).isEqualTo("A");
    }

    @Test
    void aPhoneOnTwoCardsOfOneProgramIsSharedAndLinksNothing() {
        Outcome o = resolver.resolve(
                List.of(event("e1", CARD_1, PHONE), event("e2", CARD_2, PHONE), event("e3", PHONE)), new Snapshot(), T);
        assertThat(o.shared).singleElement().satisfies(x -> {
            assertThat(x.identifier()).isEqualTo(PHONE);
            assertThat(x.reason()).contains("2 different MEMBER_CARD of pos-east");
        });
        assertThat(o.resolved.get(0).goldenId()).isNotEqualTo(o.resolved.get(1).goldenId());
        // changed deliberately (issue 17): a shared phone alone names nobody, so the record is a
        // customer of its own instead of no customer at all, and says why
        assertThat(o.resolved.get(2).goldenId())
                .isNotNull()
                .isNotIn(o.resolved.get(0).goldenId(), o.resolved.get(1).goldenId());
        assertThat(o.refused)
                .filteredOn(r -> r.eventId().equals("e3"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(IdentityResolver.Refusal.SHARED_IDENTIFIER);
                    assertThat(r.identifier()).isEqualTo(PHONE);
                    assertThat(r.customerId()).isEqualTo(o.resolved.get(2).memberId());
                });
    }

    @Test
    void customersKeptApartByAnUndoAreNotMergedAgainAndErasedIdentifiersAreIgnored() {
        Snapshot s = twoCustomers(PHONE, T, EMAIL, T.plusSeconds(1));
        s.keptApart("A", "B");
        s.erased(BUYER);
        Outcome o = resolver.resolve(List.of(event("e1", PHONE, EMAIL, BUYER)), s, T.plusSeconds(60));
        assertThat(o.merges).isEmpty();
        assertThat(o.links).isEmpty();
        assertThat(o.changes).as("the e-mail is the stronger link").containsExactly(Map.entry("B", Change.UPDATED));
    }

    @Test
    void theLatestValueOfAnAttributePerSourceIsKept() {
        IdentityEvidence older =
                new IdentityEvidence("e1", "pos-east", T, List.of(CARD_1), Map.of("name", "李雷"), false);
        IdentityEvidence newer =
                new IdentityEvidence("e2", "pos-east", T.plusSeconds(5), List.of(CARD_1), Map.of("name", "李蕾"), false);
        Outcome o = resolver.resolve(List.of(newer, older), new Snapshot(), T);
        assertThat(o.attributes.values())
                .singleElement()
                .extracting(IdentityResolver.Attribute::value)
                .isEqualTo("李蕾");
    }

    static IdentityEvidence weak(String id, Identifier strong, String phone, String name, String city) {
        return new IdentityEvidence(
                id, "tmall-flagship", T, List.of(strong), Map.of(), false, IdentityEvidence.Weak.of(phone, name, city));
    }

    @Test
    void aMaskedPlatformBuyerJoinsTheOnePersonWithTheSamePhoneBucketAndName() {
        Identifier card = new Identifier(Type.MEMBER_CARD, "K7", "pos-east");
        Outcome o = resolver.resolve(
                List.of(
                        weak("pos", card, "13812345678", "张伟", "杭州市"),
                        weak("tmall", BUYER, "138****5678", "张玮", "杭州"), // a homophone typo
                        weak(
                                "jd",
                                new Identifier(Type.PLATFORM_BUYER_ID, "pin-9", "jd-official"),
                                "138****5678",
                                "李娜",
                                "杭州")),
                new Snapshot(),
                T);
        assertThat(o.resolved.get(1).goldenId()).isEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.resolved.get(2).goldenId())
                .as("another name in the same bucket: a family member")
                .isNotEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.merges).filteredOn(IdentityResolver.Merge::weak).hasSize(1);
    }

    @Test
    void aMaskedBuyerSeenBeforeTheStoreMemberIsTakenInByIt() {
        Identifier card = new Identifier(Type.MEMBER_CARD, "K7", "pos-east");
        Outcome first = resolver.resolve(
                List.of(
                        weak("tmall", BUYER, "138****5678", "张玮", "杭州"),
                        weak(
                                "jd",
                                new Identifier(Type.PLATFORM_BUYER_ID, "pin-9", "jd-official"),
                                "138****5678",
                                "李娜",
                                "杭州")),
                new Snapshot(),
                T);
        Snapshot s = new Snapshot();
        first.resolved.forEach(r -> s.record(r.memberId(), r.goldenId(), T));
        first.links.forEach(l -> {
            s.owner(l.identifier(), l.customerId(), l.customerId());
            s.clusterIdentifier(l.customerId(), l.identifier());
        });
        first.weakKeys.forEach(k -> s.weak(k, k.customerId()));
        Outcome o = resolver.resolve(List.of(weak("pos", card, "13812345678", "张伟", "杭州市")), s, T.plusSeconds(60));
        String buyer = first.resolved.get(0).goldenId();
        assertThat(o.resolved.get(0).goldenId()).as("the older buyer survives").isEqualTo(buyer);
        assertThat(o.merges).singleElement().satisfies(m -> {
            assertThat(m.weak()).isTrue();
            assertThat(m.survivorId()).isEqualTo(buyer);
        });
        assertThat(o.changes)
                .containsEntry(buyer, Change.UPDATED)
                .doesNotContainKey(first.resolved.get(1).goldenId());
    }

    @Test
    void aMaskedBuyerIsTakenInByTheFirstFullPhoneOnlyAndNotAgainByAnother() {
        Outcome o = resolver.resolve(
                List.of(
                        weak("buyer", BUYER, "138****5678", "王芳", null),
                        weak("a", new Identifier(Type.MEMBER_CARD, "K1", "pos-east"), "13812345678", "王芳", null),
                        weak("b", new Identifier(Type.MEMBER_CARD, "K2", "pos-east"), "13800005678", "王芳", null)),
                new Snapshot(),
                T);
        assertThat(o.resolved.get(1).goldenId())
                .as("the first full phone takes the buyer in")
                .isEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.resolved.get(2).goldenId())
                .as("another full phone of that bucket and name is another person")
                .isNotEqualTo(o.resolved.get(0).goldenId());
        Outcome two = resolver.resolve(
                List.of(
                        weak("buyer", BUYER, "138****5678", "王芳", null),
                        weak("a", new Identifier(Type.MEMBER_CARD, "K1", "pos-east"), "13812345678", "王芳", null)),
                new Snapshot(),
                T);
        assertThat(two.merges)
                .singleElement()
                .satisfies(m -> assertThat(m.weak()).isTrue());
    }

    @Test
    void weakEvidenceNeedsExactlyTheNameNotOneCharacterOffEvenInALongName() {
        Outcome o = resolver.resolve(
                List.of(
                        weak("pos", new Identifier(Type.MEMBER_CARD, "K9", "pos-east"), "14545820139", "杜璐晨", null),
                        weak("tmall", BUYER, "145****0139", "杜璐雪", null)), // her sister on the family's phone
                new Snapshot(),
                T);
        assertThat(o.resolved.get(1).goldenId()).isNotEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.merges).isEmpty();
    }

    @Test
    void weakEvidenceMatchingTwoPeopleOrADifferentFullPhoneJoinsNothing() {
        Outcome o = resolver.resolve(
                List.of(
                        weak("a", new Identifier(Type.MEMBER_CARD, "K1", "pos-east"), "13812345678", "王芳", null),
                        weak("b", new Identifier(Type.MEMBER_CARD, "K2", "pos-east"), "13800005678", "王芳", null),
                        weak("c", BUYER, "138****5678", "王芳", null),
                        weak("d", new Identifier(Type.MEMBER_CARD, "K3", "youzan"), "13811115678", "王芳", null)),
                new Snapshot(),
                T);
        assertThat(o.resolved).extracting(IdentityResolver.Resolved::goldenId).doesNotHaveDuplicates();
        assertThat(o.merges).noneMatch(IdentityResolver.Merge::weak);
    }

    @Test
    void aPhoneHeldBySomeoneOfAnotherNameLinksNothingButAHomophoneTypoStillLinks() {
        IdentityEvidence old =
                new IdentityEvidence("old", "pos-east", T, List.of(CARD_1, PHONE), Map.of("name", "王芳"), false);
        IdentityEvidence reissued = new IdentityEvidence(
                "new",
                "partner-acme",
                T,
                List.of(new Identifier(Type.PARTNER_MEMBER_ID, "M1", "partner-acme"), PHONE),
                Map.of("name", "陈静"),
                false);
        IdentityEvidence typo = new IdentityEvidence(
                "typo",
                "youzan",
                T,
                List.of(new Identifier(Type.PLATFORM_BUYER_ID, "Y1", "youzan"), PHONE),
                Map.of("name", "王方"),
                false);
        Outcome o = resolver.resolve(List.of(old, reissued, typo), new Snapshot(), T);
        assertThat(o.resolved.get(1).goldenId()).isNotEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.resolved.get(2).goldenId()).isEqualTo(o.resolved.get(0).goldenId());
    }

    // --- issue 17: nothing accepted is unfindable, no walk-in merged ---------------------------------

    static final Identifier UNION = Identifier.of(Type.UNION_ID, "o6_union_a1");

    static IdentityEvidence member(String id, String name, Identifier... identifiers) {
        return new IdentityEvidence(
                "member:" + id, "partner-acme", T, List.of(identifiers), Map.of("name", name), false);
    }

    static IdentityEvidence order(String id, String name, Identifier... identifiers) {
        return new IdentityEvidence(
                "order:partner-acme:" + id + ":" + T,
                "partner-acme",
                T,
                List.of(identifiers),
                name == null ? Map.of() : Map.of("name", name),
                false);
    }

    static Identifier memberId(String id) {
        return new Identifier(Type.PARTNER_MEMBER_ID, id, "partner-acme");
    }

    /** The customer record that holds an identifier after the batch, as its golden customer. */
    static String holder(Outcome o, Identifier id) {
        return o.links.stream()
                .filter(l -> l.identifier().equals(id))
                .map(l -> o.goldenOf.get(l.customerId()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aSecondMemberIdOfOneProgramJoinedByTheUnionIdIsTheSameCustomer() {
        Outcome o = resolver.resolve(
                List.of(
                        member("m1", "李雷", memberId("M-A1"), PHONE, UNION),
                        member("w1", "李雷", memberId("W-A1"), UNION)),
                new Snapshot(),
                T);
        assertThat(o.resolved.get(1).goldenId()).isEqualTo(o.resolved.get(0).goldenId());
        assertThat(holder(o, memberId("W-A1")))
                .as("the WeChat-only record's member id is kept")
                .isEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.refused).isEmpty();
    }

    @Test
    void anIdentifierOverALimitBecomesACustomerOfItsOwnAndTheRefusalIsReported() {
        Outcome o = resolver.resolve(
                List.of(
                        member("k1", "李雷", CARD_1, UNION),
                        member("k2", "李雷", CARD_2, UNION),
                        member("m1", "李雷", memberId("M1"), UNION),
                        member("m2", "李雷", memberId("M2"), UNION),
                        member("m3", "李雷", memberId("M3"), UNION),
                        member("m4", "李雷", memberId("M4"), UNION)),
                new Snapshot(),
                T);
        String person = o.resolved.get(0).goldenId();
        assertThat(holder(o, CARD_2))
                .as("a second card of one program: not dropped, not merged")
                .isNotNull()
                .isNotEqualTo(person);
        assertThat(List.of(holder(o, memberId("M1")), holder(o, memberId("M2")), holder(o, memberId("M3"))))
                .containsOnly(person);
        assertThat(holder(o, memberId("M4")))
                .as("three member ids per program")
                .isNotNull()
                .isNotEqualTo(person);
        assertThat(o.refused)
                .extracting(IdentityResolver.LinkRefused::identifier)
                .containsExactly(CARD_2, memberId("M4"));
        assertThat(o.refused).allSatisfy(r -> {
            assertThat(r.reason()).isEqualTo(IdentityResolver.Refusal.LIMIT);
            assertThat(r.otherId()).isEqualTo(person);
            assertThat(r.customerId())
                    .isEqualTo(o.links.stream()
                            .filter(l -> l.identifier().equals(r.identifier()))
                            .findFirst()
                            .orElseThrow()
                            .customerId());
        });
        assertThat(o.refused.get(0).detail()).contains("1 MEMBER_CARD of pos-east");
    }

    @Test
    void anOrderOnASharedPhoneJoinsTheOneHolderOfExactlyItsNameOrIsACustomerOfItsOwn() {
        Outcome o = resolver.resolve(
                List.of(
                        event("k1", CARD_1, PHONE),
                        member("k2", "陈静", CARD_2, PHONE),
                        order("o1", "李雷", PHONE),
                        order("o2", "李磊", PHONE),
                        order("o3", "李四", PHONE),
                        order("o4", "买家", PHONE, EMAIL),
                        order("o5", null),
                        member("k3", "李娜", new Identifier(Type.MEMBER_CARD, "K3", "pos-east"), PHONE),
                        order("o6", "李娜", PHONE)),
                new Snapshot(),
                T);
        assertThat(o.shared).extracting(IdentityResolver.Shared::identifier).containsExactly(PHONE);
        String liLei = o.resolved.get(0).goldenId();
        assertThat(o.resolved.get(2).goldenId())
                .as("the exact name of one holder")
                .isEqualTo(liLei);
        assertThat(o.resolved.get(3).goldenId()).as("a homophone: the same key").isEqualTo(liLei);
        assertThat(o.resolved.get(4).goldenId())
                .as("a name no holder has")
                .isNotNull()
                .isNotIn(liLei, o.resolved.get(1).goldenId());
        assertThat(o.resolved.get(5).goldenId())
                .as("no name: its e-mail makes it a customer of its own")
                .isNotNull()
                .isEqualTo(holder(o, EMAIL))
                .isNotEqualTo(liLei);
        assertThat(o.resolved.get(6)).satisfies(r -> {
            assertThat(r.memberId()).isNull();
            assertThat(r.unresolved()).isEqualTo("no identifier");
        });
        assertThat(o.resolved.get(8).goldenId())
                .as("a holder who came after the phone was shared")
                .isEqualTo(o.resolved.get(7).goldenId());
        assertThat(o.refused)
                .filteredOn(r -> r.reason() == IdentityResolver.Refusal.SHARED_IDENTIFIER)
                .extracting(IdentityResolver.LinkRefused::eventId)
                .contains("member:k2", "order:partner-acme:o3:" + T)
                .doesNotContain("order:partner-acme:o1:" + T);
    }

    @Test
    void anOrderOnASharedPhoneWithANameTwoHoldersHaveJoinsNeither() {
        Outcome o = resolver.resolve(
                List.of(member("k1", "李雷", CARD_1, PHONE), member("k2", "李雷", CARD_2, PHONE), order("o1", "李雷", PHONE)),
                new Snapshot(),
                T);
        assertThat(o.resolved.get(2).goldenId())
                .isNotNull()
                .isNotIn(o.resolved.get(0).goldenId(), o.resolved.get(1).goldenId());
    }

    @Test
    void aMemberOnAFamilysSharedPhoneJoinsTheOneHolderOfItsNameButASecondCardOfOneProgramNever() {
        Outcome o = resolver.resolve(
                List.of(
                        new IdentityEvidence(
                                "mother-pos", "pos-east", T, List.of(CARD_1, PHONE), Map.of("name", "王芳"), false),
                        new IdentityEvidence(
                                "child-pos", "pos-east", T, List.of(CARD_2, PHONE), Map.of("name", "李明"), false),
                        member("mother-partner", "王芳", memberId("M1"), PHONE),
                        new IdentityEvidence(
                                "namesake-pos",
                                "pos-east",
                                T,
                                List.of(new Identifier(Type.MEMBER_CARD, "K9", "pos-east"), PHONE),
                                Map.of("name", "王芳"),
                                false)),
                new Snapshot(),
                T);
        assertThat(o.shared).extracting(IdentityResolver.Shared::identifier).containsExactly(PHONE);
        String mother = o.resolved.get(0).goldenId();
        assertThat(o.resolved.get(2).goldenId())
                .as("the mother's partner record, by her exact name")
                .isEqualTo(mother);
        assertThat(o.resolved.get(1).goldenId()).isNotEqualTo(mother);
        assertThat(o.resolved.get(3).goldenId())
                .as("another card of the same program: another 王芳 on that phone")
                .isNotEqualTo(mother)
                .isEqualTo(holder(o, new Identifier(Type.MEMBER_CARD, "K9", "pos-east")));
    }

    @Test
    void twoWalkInsOnAClerksPhoneWithNamesOneLetterApartStayTwo() {
        Identifier clerk = Identifier.of(Type.PHONE, "+8613900000001");
        Outcome o = resolver.resolve(
                List.of(
                        member("c1", "黄明", new Identifier(Type.MEMBER_CARD, "W1", "pos-east"), clerk),
                        member("p2", "黄平", memberId("P2"), clerk)),
                new Snapshot(),
                T);
        assertThat(o.resolved.get(1).goldenId()).isNotEqualTo(o.resolved.get(0).goldenId());
        assertThat(o.refused).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(IdentityResolver.Refusal.NAME_DISAGREES);
            assertThat(r.otherId()).isEqualTo(o.resolved.get(0).goldenId());
        });
    }

    @Test
    void weakEvidenceNeverJoinsARecordWithAFullPhoneEvenWhenThatPhoneIsShared() {
        Identifier clerk = Identifier.of(Type.PHONE, "+8613812345678");
        Outcome o = resolver.resolve(
                List.of(
                        withPhone("a", new Identifier(Type.MEMBER_CARD, "K1", "pos-east"), clerk, "李娜"),
                        withPhone("b", new Identifier(Type.MEMBER_CARD, "K2", "pos-east"), clerk, "张伟"),
                        // a shop's phone, not a family's: more walk-ins than a family has people
                        withPhone("b3", new Identifier(Type.MEMBER_CARD, "K5", "pos-east"), clerk, "刘洋"),
                        withPhone("b4", new Identifier(Type.MEMBER_CARD, "K6", "pos-east"), clerk, "陈静"),
                        withPhone("b5", new Identifier(Type.MEMBER_CARD, "K7", "pos-east"), clerk, "赵磊"),
                        withPhone("c", memberId("X3"), clerk, "李娜"), // the same bucket, name and full phone as a
                        weak("d", new Identifier(Type.MEMBER_CARD, "K4", "youzan"), "13800005678", "李娜", null)),
                new Snapshot(),
                T);
        assertThat(o.shared).extracting(IdentityResolver.Shared::identifier).containsExactly(clerk);
        assertThat(o.resolved).extracting(IdentityResolver.Resolved::goldenId).doesNotHaveDuplicates();
        assertThat(o.merges).noneMatch(IdentityResolver.Merge::weak);
    }

    @Test
    void aMaskedBuyerFindsTheFamilyMemberOfExactlyItsNameButNoWalkInOnAShopsPhone() {
        Identifier family = Identifier.of(Type.PHONE, "+8617933498118");
        Identifier buyer2 = new Identifier(Type.PLATFORM_BUYER_ID, "AAH2", "tmall-flagship");
        Outcome o = resolver.resolve(
                List.of(
                        withPhone("b", new Identifier(Type.MEMBER_CARD, "K2", "pos-east"), family, "曹秀华"),
                        // the second holder makes the phone shared: its own record links nothing on it
                        withPhone("a", new Identifier(Type.MEMBER_CARD, "K1", "pos-east"), family, "董涛"),
                        weak("t1", BUYER, "179****8118", "董涛", null),
                        weak("t2", buyer2, "179****8118", "曹秀芳", null)), // one character off: not exactly the name
                new Snapshot(),
                T);
        assertThat(o.shared).extracting(IdentityResolver.Shared::identifier).containsExactly(family);
        assertThat(o.resolved.get(0).goldenId()).isNotEqualTo(o.resolved.get(1).goldenId());
        assertThat(o.resolved.get(2).goldenId()).isEqualTo(o.resolved.get(1).goldenId());
        assertThat(o.resolved.get(3).goldenId())
                .isNotIn(o.resolved.get(0).goldenId(), o.resolved.get(1).goldenId());

        Identifier clerk = Identifier.of(Type.PHONE, "+8613812345678");
        List<IdentityEvidence> walkIns = new ArrayList<>();
        String[] names = {"李娜", "张伟", "刘洋", "陈静", "赵磊"};
        for (int i = 0; i < names.length; i++) {
            walkIns.add(withPhone("w" + i, new Identifier(Type.MEMBER_CARD, "W" + i, "pos-east"), clerk, names[i]));
        }
        walkIns.add(weak("t3", BUYER, "138****5678", "李娜", null));
        Outcome shop = resolver.resolve(walkIns, new Snapshot(), T);
        assertThat(shop.resolved)
                .extracting(IdentityResolver.Resolved::goldenId)
                .doesNotHaveDuplicates();
    }

    static IdentityEvidence withPhone(String id, Identifier anchor, Identifier phone, String name) {
        return new IdentityEvidence(
                id,
                "pos-east",
                T,
                List.of(anchor, phone),
                Map.of("name", name),
                false,
                IdentityEvidence.Weak.of(phone.value(), name, null));
    }
}
