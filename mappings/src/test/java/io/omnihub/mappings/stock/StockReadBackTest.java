package io.omnihub.mappings.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockReadBackTest {

    @Test
    void aChannelShowingLessIsNotCorrectedAtTheReadForItMayHaveSoldUnitsTheHubHasNotSeen() {
        // pushed 2 with 10 units ordered known: base 12. The platform sold 2 more the hub has not pulled: it shows 0
        assertThat(StockReadBack.correctionNow(0, 12, 10)).isZero();
        // once those 2 orders are in, nothing was wrong: no raise, so the 2 units are not sold twice
        assertThat(StockReadBack.residual(0, 12, 12, 0)).isZero();
    }

    @Test
    void aChannelLeftTooLowIsRaisedByWhatIsStillMissingOnceItsOrdersAreIn() {
        // reset to 0 behind the hub's back; 1 unit really sold before the read
        assertThat(StockReadBack.correctionNow(0, 60, 0)).isZero();
        assertThat(StockReadBack.residual(0, 60, 1, 0)).isEqualTo(-59);
    }

    @Test
    void aChannelShowingMoreIsCorrectedAtOnceAndByTheRestWhenUnseenSalesArrive() {
        // the hub reckons 28, the platform shows 500: over-exposed whatever the hub learns later
        assertThat(StockReadBack.correctionNow(500, 28, 0)).isEqualTo(472);
        // 3 units it had sold before the read arrive later: it was 3 more over-exposed than seen at the read
        assertThat(StockReadBack.residual(500, 28, 3, 472)).isEqualTo(3);
    }

    @Test
    void aReckoningBelowZeroIsCorrectedToWhatTheChannelReallyShows() {
        // the hub reckons -2 (more orders than it pushed): a platform showing 1 is 3 over that
        assertThat(StockReadBack.correctionNow(1, 5, 7)).isEqualTo(3);
        assertThat(StockReadBack.correctionNow(0, 5, 7)).isZero();
        assertThat(StockReadBack.residual(0, 5, 7, 0)).isEqualTo(2);
    }
}
