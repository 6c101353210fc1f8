package io.omnihub.mappings.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts inside the hub are {@code long} fen. Platforms and the partner contract speak decimal
 * yuan strings ("99.00"); these two functions are the only place where the two meet.
 */
public final class Money {

    private static final BigDecimal FEN_PER_YUAN = BigDecimal.valueOf(100);

    private Money() {}

    /** "99.00" -> 9900. Rejects more than two decimals instead of rounding money away. */
    public static long yuanToFen(String yuan) {
        if (yuan == null || yuan.isBlank()) {
            throw new IllegalArgumentException("amount is empty");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(yuan.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal amount: " + yuan);
        }
        // more than 17 whole digits cannot fit a long of fen; checked first, as "1e999999999" would
        // otherwise be expanded digit by digit
        if (value.signum() != 0 && value.precision() - value.scale() > 17) {
            throw new IllegalArgumentException("amount too large: " + yuan);
        }
        BigDecimal fen;
        try {
            fen = value.multiply(FEN_PER_YUAN).setScale(0, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount has fractions of a fen: " + yuan);
        }
        try {
            return fen.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount too large: " + yuan);
        }
    }

    /** Like {@link #yuanToFen} but an empty value is zero (optional platform fields). */
    public static long yuanToFenOrZero(String yuan) {
        return yuan == null || yuan.isBlank() ? 0L : yuanToFen(yuan);
    }

    /** 9900 -> "99.00", -5 -> "-0.05". */
    public static String fenToYuan(long fen) {
        return BigDecimal.valueOf(fen)
                .movePointLeft(2)
                .setScale(2, RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
