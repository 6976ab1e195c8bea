package org.orchestration.core.api.backend;

/** {@code PATCH /api/usage/budget}: limits in micro-dollars, null = unchanged; never negative. */
public record BudgetUpdate(Long dailyLimitMicros, Long monthlyLimitMicros) {
}
