package org.orchestration.core.execution;

import java.util.List;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tasks.TaskDetail;
import org.orchestration.core.tasks.TaskHistory;

/**
 * Everything the task screen shows about one task.
 *
 * @param provider           "" when none was chosen yet
 * @param model              "" when none was chosen yet
 * @param simulated          true when it runs on the Simulated provider (the window labels it)
 * @param promptContext      what the prompt is made of (type, complexity, limits, tools, inputs), as text
 * @param outputMarkdown     its output, "" when none
 * @param toolCalls          the tool calls it made, oldest first
 * @param attempts           its attempts as the engine's status events tell them ({@link TaskHistory})
 * @param maxAttempts        how many attempts it may have in all ({@link RetryStanding#maxAttempts})
 * @param retryBlockedReason why Retry is refused, null when it is allowed
 * @param filesWritten       what its {@code write_file} calls wrote, each file once
 */
public record TaskReport(String id, String projectId, String projectName, String title, String description,
                         TaskStatus status, String provider, String model, boolean simulated, String promptContext,
                         String outputMarkdown, List<TaskDetail.ToolCall> toolCalls, List<TaskHistory.Attempt> attempts,
                         int maxAttempts, String retryBlockedReason, List<TaskFile> filesWritten,
                         long inputTokens, long outputTokens, long costMicros) {

    public TaskReport {
        toolCalls = List.copyOf(toolCalls);
        attempts = List.copyOf(attempts);
        filesWritten = List.copyOf(filesWritten);
    }
}
