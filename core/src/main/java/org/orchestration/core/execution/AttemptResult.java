package org.orchestration.core.execution;

import org.orchestration.core.llm.ProviderException;

/** How one attempt of a task ended; the executor turns it into a state transition. */
sealed interface AttemptResult {

    /** Finished; {@code note} says why it stopped early ("stopped: budget"), or is null. */
    record Completed(String output, String note) implements AttemptResult {
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

    /** The attempt was cancelled (project cancelled or engine shutting down). */
    record Cancelled() implements AttemptResult {
    }

    /** The task was no longer PENDING when claimed (cancelled or taken meanwhile): nothing to do. */
    record Skipped() implements AttemptResult {
    }
}
