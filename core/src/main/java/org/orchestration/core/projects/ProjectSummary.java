package org.orchestration.core.projects;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/**
 * One line of the project list: the project plus its task counts by status, what it has spent
 * (sum of its usage rows) and when anything last happened to it.
 */
public record ProjectSummary(String id, String ownerId, String name, ProjectStatus status, Long budgetLimitMicros,
                             Map<TaskStatus, Integer> taskCounts, long spentMicros,
                             Instant lastActivity, Instant createdAt, List<String> tags) {

    public ProjectSummary {
        taskCounts = Map.copyOf(taskCounts);
        tags = List.copyOf(tags);
    }

    public int totalTasks() {
        return taskCounts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Tasks that completed. */
    public int completedTasks() {
        return taskCounts.getOrDefault(TaskStatus.COMPLETED, 0);
    }

    /** Completed tasks as a fraction of all tasks (0 when it has none). */
    public double progress() {
        int total = totalTasks();
        return total == 0 ? 0 : (double) completedTasks() / total;
    }
}
