package org.orchestration.core.budget;

import org.orchestration.core.errors.BudgetExceededException;

/**
 * The budget's contract with everything that spends: reserve before a call, then record the
 * actual usage (which releases the reservation) or release it if no call was made. Never
 * overspends under concurrency: reserved + recorded never exceeds a limit.
 */
public interface SpendGate {

    /**
     * Reserves {@code request.amountMicros()} against the daily, monthly and (if set) project limits.
     *
     * @throws BudgetExceededException naming the limit that would be passed
     */
    Reservation reserve(SpendRequest request);

    /**
     * Writes the usage row (idempotent on {@link UsageRecord#idempotencyKey()}: a replay is
     * ignored) and releases {@code reservation}.
     *
     * @return true when the row was new, false when the key was already recorded
     */
    boolean record(Reservation reservation, UsageRecord usage);

    /** Gives a reservation back without recording usage. Idempotent. */
    void release(Reservation reservation);
}
