package org.orchestration.core.events;

/** {@code task.waiting}: a task stays PENDING because of {@code reason} ("budget" or "provider", the tasks table's wait_reason). */
public record TaskWaiting(String projectId, String taskId, String title, String reason, String message) implements EngineEvent {
}
