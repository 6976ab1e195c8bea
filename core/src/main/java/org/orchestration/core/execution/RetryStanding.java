package org.orchestration.core.execution;

import org.orchestration.core.model.TaskStatus;

/**
 * Whether a task may be retried by hand now: only a FAILED or CANCELLED task, and only while its
 * manual retries stay under {@code execution.max_task_retries}. {@link Executor#retryTask} refuses
 * by this rule and the task screen shows it, so the two cannot disagree.
 *
 * @param manualRetries    manual retries the task has used
 * @param maxManualRetries the limit in force ({@value ExecutionSettings#MAX_TASK_RETRIES})
 * @param maxAutoRetries   automatic retries per attempt chain ({@value ExecutionSettings#MAX_AUTO_RETRIES})
 */
public record RetryStanding(TaskStatus status, int manualRetries, int maxManualRetries, int maxAutoRetries) {

    /** Whether the task's state allows a retry (FAILED or CANCELLED). */
    public boolean stateAllows() {
        return status == TaskStatus.FAILED || status == TaskStatus.CANCELLED;
    }

    /** Whether the task used all its manual retries. */
    public boolean limitReached() {
        return manualRetries >= maxManualRetries;
    }

    public boolean allowed() {
        return stateAllows() && !limitReached();
    }

    /** Why Retry is refused, as a sentence for the user; null when it is allowed. */
    public String refusal() {
        if (!stateAllows()) {
            return "Only a failed or cancelled task can be retried.";
        }
        if (limitReached()) {
            return "Maximum retry limit reached (" + maxManualRetries + " manual retries, setting "
                    + ExecutionSettings.MAX_TASK_RETRIES + ").";
        }
        return null;
    }

    /**
     * How many attempts the task may have in all: the first and its automatic retries, plus the
     * manual retries already used; while Retry is allowed there is always one more than it had.
     */
    public int maxAttempts(int attemptsSoFar) {
        int max = 1 + maxAutoRetries + manualRetries;
        return allowed() ? Math.max(max, attemptsSoFar + 1) : max;
    }
}
