package org.orchestration.core.events;

/** {@code budget.limits} (global): an admin changed the budget limits (0 = no limit). */
public record BudgetLimitsChanged(long dailyLimitMicros, long monthlyLimitMicros) implements EngineEvent {

    @Override
    public String projectId() {
        return null;
    }
}
