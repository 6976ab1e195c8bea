package org.orchestration.core.execution;

import org.orchestration.core.budget.Reservation;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.tasks.TaskStore;

/** How one attempt of a task ended; the executor turns it into a state transition. */
sealed interface AttemptResult {

    /**
     * Finished; {@code note} says why it stopped early ("stopped: budget"), or is null.
     * {@code lastRound}, when not null, is the final provider call's usage, not yet recorded: the
     * executor records it in the completion's own transaction (and its reservation is still held
     * until then).
     */
    record Completed(String output, String note, RoundUsage lastRound) implements AttemptResult {
        Completed(String output, String note) {
            this(output, note, null);
        }
    }

    /** One provider call's usage, to be recorded: the usage row, the task totals, the reservation to release. */
    record RoundUsage(Reservation reservation, UsageRecord record, int round, TokenUsage tokens, long costMicros) {

        /** What the task's totals gain from this call. */
        TaskStore.RoundCost cost() {
            return new TaskStore.RoundCost(round, tokens, costMicros);
        }
    }

    /** Failed for good (permanent provider error, no price for the model, no such provider). */
    record Failed(String error) implements AttemptResult {
    }

    /** A transient provider error: retry later. */
    record Transient(ProviderException error) implements AttemptResult {
    }

    /** The first round could not reserve budget; the task never started and stays PENDING. */
    record BudgetWait(String message) implements AttemptResult {
    }

    /** The task's provider is down; the task waits (PENDING) and is tried again later. */
    record ProviderWait(String message) implements AttemptResult {
    }

    /** The attempt was cancelled (project cancelled or engine shutting down). */
    record Cancelled() implements AttemptResult {
    }

    /** The task was no longer PENDING when claimed (cancelled or taken meanwhile): nothing to do. */
    record Skipped() implements AttemptResult {
    }
}
