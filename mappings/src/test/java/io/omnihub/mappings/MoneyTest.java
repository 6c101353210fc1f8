package io.omnihub.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.mappings.model.Money;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void yuanStringsBecomeExactFen() {
        assertThat(Money.yuanToFen("99.00")).isEqualTo(9900);
        assertThat(Money.yuanToFen("0.1")).isEqualTo(10);
        assertThat(Money.yuanToFen("0.07")).isEqualTo(7);
        assertThat(Money.yuanToFen(" 19.9 ")).isEqualTo(1990);
        assertThat(Money.yuanToFen("-5.05")).isEqualTo(-505);
        assertThat(Money.yuanToFen("92233720368547758.07")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fenBecomeTwoDecimalYuan() {
        assertThat(Money.fenToYuan(9900)).isEqualTo("99.00");
        assertThat(Money.fenToYuan(7)).isEqualTo("0.07");
        assertThat(Money.fenToYuan(-505)).isEqualTo("-5.05");
        assertThat(Money.fenToYuan(0)).isEqualTo("0.00");
    }

    @Test
    void fractionsOfAFenAndNonNumbersAreRefusedNotRounded() {
        assertThatThrownBy(() -> Money.yuanToFen("0.005")).hasMessageContaining("fractions of a fen");
        assertThatThrownBy(() -> Money.yuanToFen("abc")).hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> Money.yuanToFen("")).hasMessageContaining("empty");
        assertThat(Money.yuanToFenOrZero(null)).isZero();
    }

    @Test
    void anAmountPastALongIsRefusedAsTooLargeAtOnceWhateverItsExponent() {
        assertThatThrownBy(() -> Money.yuanToFen("92233720368547758.08")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Money.yuanToFen("99999999999999999999.00")).hasMessageContaining("too large");
        // expanded digit by digit, this one would take minutes and gigabytes
        assertThatThrownBy(() -> Money.yuanToFen("1e999999999")).hasMessageContaining("too large");
        assertThat(Money.yuanToFen("1e3")).isEqualTo(100_000);
    }
}
