package org.orchestration.bench;

/**
 * One reported figure: its median over repeats with the spread, the unit, and the target it is
 * held to ("<= 5", ">= 2000", or empty when informational) and whether it met it.
 */
public record Metric(String name, String unit, Stats stats, String target, Boolean met) {

    public static Metric of(String name, String unit, Stats stats, String target) {
        return new Metric(name, unit, stats, target, evaluate(target, stats.p50()));
    }

    public static Metric info(String name, String unit, Stats stats) {
        return new Metric(name, unit, stats, "", null);
    }

    static Boolean evaluate(String target, double value) {
        if (target == null || target.isBlank() || Double.isNaN(value)) {
            return null;
        }
        String t = target.trim();
        if (t.startsWith("<=")) {
            return value <= Double.parseDouble(t.substring(2).trim());
        }
        if (t.startsWith(">=")) {
            return value >= Double.parseDouble(t.substring(2).trim());
        }
        return null;
    }
}
