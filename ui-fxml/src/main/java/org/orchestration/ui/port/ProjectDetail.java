package org.orchestration.ui.port;

import org.orchestration.core.model.ProjectStatus;

/**
 * A project as the project screen needs it. {@code maxRequirements} is the engine's limit on the
 * requirements' length ({@code planning.max_requirements_chars}).
 */
public record ProjectDetail(String id, String name, ProjectStatus status, String requirements,
                            long spentMicros, long budgetMicros, int maxRequirements) {
}
