package io.omnihub.mappings.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelStockPushTest {

    @Test
    void whatAChannelShouldShowIsTheLastPushLessTheOrdersLearntOfSince() {
        assertThat(new ChannelStockPush(10, 20L, 5, 8, false, false).expected()).isEqualTo(17);
        // more orders than it showed (returns, a late pull): never below 0
        assertThat(new ChannelStockPush(10, 2L, 0, 9, false, false).expected()).isZero();
        assertThat(new ChannelStockPush(10, null, 0, 9, false, false).expected())
                .isNull();
    }

    @Test
    void loweringNeedsNoRoomAndANegativeTargetIsShownAsZero() {
        ChannelStockPush lower = new ChannelStockPush(-3, 20L, 0, 0, false, false);
        assertThat(lower.lowers()).isTrue();
        assertThat(lower.goal(0)).isZero();
        assertThat(new ChannelStockPush(12, 20L, 0, 0, false, false).goal(0)).isEqualTo(12);
    }

    @Test
    void aRaiseTakesOnlyTheRoomTheOtherChannelsLeaveButNeverGoesBelowWhatItShows() {
        ChannelStockPush raise = new ChannelStockPush(30, 10L, 0, 0, false, false);
        assertThat(raise.lowers()).isFalse();
        assertThat(raise.goal(25)).isEqualTo(25); // room caps it
        assertThat(raise.goal(50)).isEqualTo(30); // the target caps it
        assertThat(raise.goal(4)).isEqualTo(10); // no room: stays where it is
        assertThat(raise.goal(-7)).isEqualTo(10);
        // the first push of a SKU: no expectation, the room alone caps it
        assertThat(new ChannelStockPush(30, null, 0, 0, false, false).goal(12)).isEqualTo(12);
        assertThat(new ChannelStockPush(30, null, 0, 0, false, false).goal(-2)).isZero();
    }

    @Test
    void aChannelShowingTheGoalAlreadyCostsNoCall() {
        ChannelStockPush p = new ChannelStockPush(17, 20L, 5, 8, false, false);
        assertThat(p.showsAlready(17)).isTrue();
        assertThat(p.showsAlready(16)).isFalse();
        assertThat(new ChannelStockPush(0, null, 0, 0, false, false).showsAlready(0))
                .isFalse();
    }

    @Test
    void anAbsoluteWriteLeavesOutUnseenSalesAndSetsAScarceSkuToZero() {
        // expected 10, the platform shows 7: 3 sold there the hub has not pulled; goal 12 -> write 9
        assertThat(ChannelStockPush.absoluteValue(false, 12, 10, 7)).isEqualTo(9);
        assertThat(ChannelStockPush.shownAfterAbsolute(9, 10, 7)).isEqualTo(12);
        assertThat(ChannelStockPush.absoluteValue(false, 2, 10, 5)).isZero();
        // scarce and still showing stock: 0, and it settles
        assertThat(ChannelStockPush.absoluteValue(true, 12, 10, 7)).isZero();
        assertThat(ChannelStockPush.settlesAfterAbsolute(true, 7)).isTrue();
        assertThat(ChannelStockPush.settlesAfterAbsolute(true, 0)).isFalse();
        assertThat(ChannelStockPush.settlesAfterAbsolute(false, 7)).isFalse();
    }

    @Test
    void aRefusedDecrementCountsWhatWasLeftAsTakenOff() {
        assertThat(ChannelStockPush.shownAfterRefusedDecrement(10, 4)).isEqualTo(6);
        assertThat(ChannelStockPush.shownAfterRefusedDecrement(3, 4)).isZero();
    }
}
