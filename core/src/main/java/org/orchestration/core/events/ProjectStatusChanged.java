package org.orchestration.core.events;

import org.orchestration.core.model.ProjectStatus;

/**
 * {@code project.status}: a project changed status. {@code previous}, {@code reason} and
 * {@code name} come with run transitions; {@code planId} and {@code tasks} (how many) with the
 * approval of a plan; each is null otherwise.
 */
public record ProjectStatusChanged(String projectId, ProjectStatus status, ProjectStatus previous, String reason,
                                   String name, String planId, Integer tasks) implements EngineEvent {

    /** A change that says nothing but the new status (planning begins or is given back). */
    public static ProjectStatusChanged to(String projectId, ProjectStatus status) {
        return new ProjectStatusChanged(projectId, status, null, null, null, null, null);
    }
}
