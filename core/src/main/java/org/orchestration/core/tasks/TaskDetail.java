package org.orchestration.core.tasks;

import java.time.Instant;
import java.util.List;

/** One task with the ids of the tasks it waits on and the tool calls it made, oldest first. */
public record TaskDetail(TaskView task, List<String> dependsOn, List<ToolCall> toolCalls) {

    public TaskDetail {
        dependsOn = List.copyOf(dependsOn);
        toolCalls = List.copyOf(toolCalls);
    }

    /** One row of {@code tool_calls}. */
    public record ToolCall(long id, int attempt, int round, String toolName, String input, String result,
                           boolean isError, Instant at) {
    }
}
