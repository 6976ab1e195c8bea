package org.orchestration.core.tools;

import java.util.List;

/**
 * What a tool call produced: text for the model, whether it is an error, and the workspace
 * files it wrote (relative paths), which the Task screen lists.
 */
public record ToolOutcome(String content, boolean isError, List<String> filesWritten) {

    public ToolOutcome {
        filesWritten = List.copyOf(filesWritten);
    }

    public static ToolOutcome ok(String content) {
        return new ToolOutcome(content, false, List.of());
    }

    public static ToolOutcome error(String message) {
        return new ToolOutcome(message, true, List.of());
    }
}
