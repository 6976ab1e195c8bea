package org.orchestration.bench.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.model.ProjectStatus;

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
    public StoredEvent publish(EngineEvent event) {
        long now = System.nanoTime();
        if (event instanceof TaskStatusChanged s) {
            switch (s.status()) {
                case RUNNING -> firstRunning.putIfAbsent(s.taskId(), now);
                case COMPLETED -> completed.put(s.taskId(), now);
                case PENDING -> retried.add(s.taskId());
                default -> { }
            }
        } else if (event instanceof ProjectStatusChanged p && p.projectId() != null) {
            ProjectStatus status = p.status();
            if (status == ProjectStatus.COMPLETED || status == ProjectStatus.FAILED || status == ProjectStatus.CANCELLED) {
                projectEnd(p.projectId()).complete(status.name());
            }
        }
        return delegate.publish(event);
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
