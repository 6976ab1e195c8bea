package org.orchestration.core.projects;

/** A partial update of a task (null = unchanged). Bounds: see {@link Bounds}. */
public record TaskPatch(String title, String description, Integer priority, Integer maxTokens) {
}
