package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.model.TaskStatus;

/**
 * Everything the task screen shows. {@code simulated} is true when the task ran on the Simulated
 * provider (the UI labels it). {@code retryBlockedReason} is null when Retry is allowed.
 * {@code filesWritten}: what its {@code write_file} calls wrote, each file once.
 */
public record TaskDetail(String id, String projectId, String projectName, String title, String description,
                         TaskStatus status, String provider, String model, boolean simulated, String promptContext,
                         String outputMarkdown, List<ToolCallView> toolCalls, List<AttemptView> attempts,
                         int maxAttempts, String retryBlockedReason, List<WrittenFile> filesWritten,
                         long inputTokens, long outputTokens, long costMicros) {

    public TaskDetail {
        toolCalls = List.copyOf(toolCalls);
        attempts = List.copyOf(attempts);
        filesWritten = List.copyOf(filesWritten);
    }
}
