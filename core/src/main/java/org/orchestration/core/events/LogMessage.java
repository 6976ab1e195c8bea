package org.orchestration.core.events;

/** {@code log}: a line for the project's activity log; {@code level} is "info", "warn" or "error", {@code taskId} may be null. */
public record LogMessage(String projectId, String level, String message, String taskId) implements EngineEvent {
}
