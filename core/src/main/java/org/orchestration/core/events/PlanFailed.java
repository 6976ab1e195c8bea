package org.orchestration.core.events;

import org.orchestration.core.model.ProjectStatus;

/** {@code plan.failed}: planning failed with {@code error}; the project went back to {@code status}. */
public record PlanFailed(String projectId, String error, ProjectStatus status) implements EngineEvent {
}
