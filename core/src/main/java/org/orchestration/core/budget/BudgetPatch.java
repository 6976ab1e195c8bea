package org.orchestration.core.budget;

/** A change to the global limits in micro-dollars ({@code PATCH /api/usage/budget}); null keeps the current value. */
public record BudgetPatch(Long dailyLimitMicros, Long monthlyLimitMicros) {
}
