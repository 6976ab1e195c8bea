package org.orchestration.core.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A block of message content: text, a tool call by the model, or a tool's result. */
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
    }

    /** The model asks to run tool {@code name} with {@code input} (a JSON object). */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
    }

    /** The result of tool call {@code toolUseId}, sent back to the model. */
    record ToolResult(String toolUseId, String toolName, String content, boolean isError) implements ContentBlock {
    }
}
