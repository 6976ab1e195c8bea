package org.orchestration.ui.port;

import org.orchestration.core.model.ProjectStatus;

/** A project as the project screen needs it. */
public record ProjectDetail(String id, String name, ProjectStatus status, String requirements,
                            long spentMicros, long budgetMicros) {
}
