package org.orchestration.core.projects;

import java.util.List;
import org.orchestration.core.model.ProjectStatus;

/**
 * A project as the project screen shows it.
 *
 * @param requirements         never null ("" when none were written)
 * @param spentMicros          all-time spend, from the usage log
 * @param budgetMicros         the project's own budget limit, 0 when it has none
 * @param maxRequirementsChars the engine's limit on the requirements' length ({@code planning.max_requirements_chars})
 */
public record ProjectDetail(String id, String name, ProjectStatus status, String requirements, long spentMicros,
                            long budgetMicros, int maxRequirementsChars, List<String> tags) {
}
