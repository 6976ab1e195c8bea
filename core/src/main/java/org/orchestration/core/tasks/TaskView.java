package org.orchestration.core.tasks;

import java.time.Instant;
import java.util.List;
import org.orchestration.core.model.TaskStatus;

/** A task row as the UI and the API show it. Nullable: estimatedTokens, provider, model, texts, instants. */
public record TaskView(String id, String projectId, String planId, int seq, String title, String description,
                       String taskType, String complexity, int priority, List<String> tools, String provider,
                       String model, int maxTokens, Long estimatedTokens, TaskStatus status, String waitReason,
                       Instant retryAfter, int attempts, String output, String error, long inputTokens,
                       long outputTokens, long costMicros, Instant startedAt, Instant completedAt,
                       Instant createdAt, Instant updatedAt) {

    public TaskView {
        tools = List.copyOf(tools);
    }
}
