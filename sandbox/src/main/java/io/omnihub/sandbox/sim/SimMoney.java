package io.omnihub.sandbox.sim;

import java.math.BigDecimal;

/** Yuan strings as platforms write them ("99.00"), from fen and back. */
public final class SimMoney {

    private SimMoney() {}

    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2).toPlainString();
    }

    /** "99.9" -> 9990; null when not a valid amount with at most two decimals. */
    public static Long fen(String yuan) {
        try {
            return new BigDecimal(yuan.trim()).movePointRight(2).longValueExact();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
