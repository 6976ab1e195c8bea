package org.orchestration.core.budget;

import java.time.Instant;

/**
 * Spend against the limits right now. Spent figures are sums of {@code usage_log} rows; reserved
 * figures are in-flight reservations. Periods start at local midnight / the first of the month
 * in the engine's time zone.
 */
public record BudgetStatus(long dailySpentMicros, long dailyReservedMicros, long dailyLimitMicros,
                           long monthlySpentMicros, long monthlyReservedMicros, long monthlyLimitMicros,
                           Instant dayStart, Instant monthStart) {

    public long dailyRemainingMicros() {
        return Math.max(0, dailyLimitMicros - dailySpentMicros - dailyReservedMicros);
    }

    public long monthlyRemainingMicros() {
        return Math.max(0, monthlyLimitMicros - monthlySpentMicros - monthlyReservedMicros);
    }
}
