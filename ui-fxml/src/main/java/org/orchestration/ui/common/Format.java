package org.orchestration.ui.common;

import java.time.Duration;
import java.time.Instant;
import org.orchestration.core.model.Money;

/** Display conversions shared by view models. */
public final class Format {

    private Format() {
    }

    public static String money(long micros) {
        return Money.format(micros);
    }

    public static String moneyRange(long low, long high) {
        return low == high ? money(low) : money(low) + " – " + money(high);
    }

    public static String tokens(long n) {
        if (n >= 1_000_000) {
            return String.format("%.1fM", n / 1_000_000.0);
        }
        if (n >= 10_000) {
            return String.format("%.1fk", n / 1000.0);
        }
        return String.format("%,d", n);
    }

    public static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        Duration d = Duration.between(then, now);
        if (d.toSeconds() < 60) {
            return "just now";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 24) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " d ago";
    }

    /** "$1.00" -> micros; accepts "1", "1.5", "$2". Returns -1 when not a non-negative amount. */
    public static long parseUsd(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.trim().replace("$", "").replace(",", "");
        if (t.isEmpty()) {
            return -1;
        }
        try {
            double v = Double.parseDouble(t);
            return v < 0 || Double.isNaN(v) || Double.isInfinite(v) ? -1 : Money.usdToMicros(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String usdPlain(long micros) {
        return Money.microsToUsd(micros).stripTrailingZeros().toPlainString();
    }
}
