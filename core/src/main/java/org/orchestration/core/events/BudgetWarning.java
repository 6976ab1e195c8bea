package org.orchestration.core.events;

/**
 * {@code budget.warning} (global): spend reached {@code thresholdPercent} (80 or 100) of a limit.
 * {@code period} is "daily" or "monthly", {@code periodKey} the day or month it applies to.
 */
public record BudgetWarning(String period, String periodKey, int thresholdPercent, long spentMicros, long limitMicros,
                            String message) implements EngineEvent {

    @Override
    public String projectId() {
        return null;
    }
}
