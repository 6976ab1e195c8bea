package org.orchestration.core.projects;

import java.time.Instant;
import java.util.Map;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/**
 * One line of the project list: the project plus its task counts by status, what it has spent
 * (sum of its usage rows) and when anything last happened to it.
 */
public record ProjectSummary(String id, String ownerId, String name, ProjectStatus status, Long budgetLimitMicros,
                             Map<TaskStatus, Integer> taskCounts, long spentMicros,
                             Instant lastActivity, Instant createdAt) {

    public ProjectSummary {
        taskCounts = Map.copyOf(taskCounts);
    }

    public int totalTasks() {
        return taskCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
