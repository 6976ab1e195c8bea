package org.orchestration.core.budget;

/** The global limits in micro-dollars (settings {@code budget.daily_limit_usd}, {@code budget.monthly_limit_usd}). */
public record BudgetLimits(long dailyMicros, long monthlyMicros) {
}
