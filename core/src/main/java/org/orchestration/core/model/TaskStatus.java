package org.orchestration.core.model;

/**
 * BLOCKED (waits on dependencies) | PENDING (ready; may carry a retry_after) -> RUNNING ->
 * COMPLETED | FAILED | CANCELLED. A transient provider error returns a task to PENDING.
 */
public enum TaskStatus {
    BLOCKED, PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
