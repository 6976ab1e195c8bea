package org.orchestration.core.events;

/** {@code task.tool}: a task's tool call finished. */
public record TaskToolCall(String projectId, String taskId, int round, String tool, boolean isError) implements EngineEvent {
}
