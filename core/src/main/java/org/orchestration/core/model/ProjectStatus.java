package org.orchestration.core.model;

/** DRAFT -> PLANNING -> PLANNED -> READY -> RUNNING <-> PAUSED -> COMPLETED | FAILED | CANCELLED. */
public enum ProjectStatus {
    DRAFT, PLANNING, PLANNED, READY, RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
