package org.orchestration.bench.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.events.Event;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.EventTypes;

/**
 * Sits between the executor and the real ProgressBus and notes, with {@link System#nanoTime()},
 * when each task was reported RUNNING (first time) and COMPLETED, which tasks were sent back to
 * PENDING for a retry, and when each project reached an end state. The executor publishes these
 * inside the transaction that makes the change, so the times are those of the state changes.
 */
public final class Timeline implements EventPublisher {

    private final EventPublisher delegate;
    private final Map<String, Long> firstRunning = new ConcurrentHashMap<>();
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    private final Set<String> retried = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<String>> projectEnds = new ConcurrentHashMap<>();

    public Timeline(EventPublisher delegate) {
        this.delegate = delegate;
    }

    @Override
    public Event publish(String projectId, String type, Map<String, ?> payload) {
        long now = System.nanoTime();
        if (EventTypes.TASK_STATUS.equals(type)) {
            String task = String.valueOf(payload.get("taskId"));
            String status = String.valueOf(payload.get("status"));
            switch (status) {
                case "RUNNING" -> firstRunning.putIfAbsent(task, now);
                case "COMPLETED" -> completed.put(task, now);
                case "PENDING" -> retried.add(task);
                default -> { }
            }
        } else if (EventTypes.PROJECT_STATUS.equals(type) && projectId != null) {
            String status = String.valueOf(payload.get("status"));
            if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                projectEnd(projectId).complete(status);
            }
        }
        return delegate.publish(projectId, type, payload);
    }

    public CompletableFuture<String> projectEnd(String projectId) {
        return projectEnds.computeIfAbsent(projectId, p -> new CompletableFuture<>());
    }

    public Long firstRunning(String taskId) {
        return firstRunning.get(taskId);
    }

    public Long completed(String taskId) {
        return completed.get(taskId);
    }

    public boolean wasRetried(String taskId) {
        return retried.contains(taskId);
    }
}
