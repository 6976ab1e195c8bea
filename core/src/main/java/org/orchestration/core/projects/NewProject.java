package org.orchestration.core.projects;

/**
 * What creating a project takes, from the window or {@code POST /api/projects}.
 *
 * @param requirements      may be null (stored as "")
 * @param budgetLimitMicros the project's own limit; null gives it the default project budget, if one is set
 */
public record NewProject(String name, String requirements, Long budgetLimitMicros) {
}
