package org.orchestration.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is held as whole micro-dollars (1 USD = 1,000,000) so sums never drift. */
public final class Money {

    public static final long MICROS_PER_USD = 1_000_000L;

    private Money() {
    }

    public static long usdToMicros(double usd) {
        return BigDecimal.valueOf(usd).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static BigDecimal microsToUsd(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6);
    }

    /** "$1.23" (or "$0.0012" for sub-cent amounts) for display. */
    public static String format(long micros) {
        BigDecimal usd = microsToUsd(micros);
        if (micros != 0 && Math.abs(micros) < 10_000) {
            return "$" + usd.setScale(4, RoundingMode.HALF_UP).toPlainString();
        }
        return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
