package org.orchestration.core.events;

import org.orchestration.core.model.TaskStatus;

/**
 * {@code task.status}: a task changed status. Optional fields are null when they do not apply:
 * {@code previous} (unknown after an internal failure), {@code attempt}, {@code error},
 * {@code note}, {@code retryAfter} (epoch millis of an automatic retry), {@code autoRetry}
 * (which automatic retry that is), {@code manualRetry} (which manual retry reopened the task).
 */
public record TaskStatusChanged(String projectId, String taskId, String title, TaskStatus status, TaskStatus previous,
                                Integer attempt, String error, String note, Long retryAfter, Integer autoRetry,
                                Integer manualRetry) implements EngineEvent {

    /** A change with no attempt, error or retry details. */
    public static TaskStatusChanged of(String projectId, String taskId, String title, TaskStatus status, TaskStatus previous) {
        return new TaskStatusChanged(projectId, taskId, title, status, previous, null, null, null, null, null, null);
    }
}
