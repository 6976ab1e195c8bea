package org.orchestration.core.model;

/** DRAFT -> APPROVED, or SUPERSEDED by a newer draft. Only a DRAFT decomposes. */
public enum PlanStatus {
    DRAFT, APPROVED, SUPERSEDED
}
