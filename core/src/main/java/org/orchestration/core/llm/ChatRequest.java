package org.orchestration.core.llm;

import java.util.List;

/**
 * A chat turn to send.
 *
 * @param system   system prompt (may be empty)
 * @param messages the conversation so far, oldest first (user, assistant, user with tool results, ...)
 * @param tools    tools the model may call (may be empty)
 */
public record ChatRequest(String model, String system, List<ChatMessage> messages, List<ToolSpec> tools, int maxTokens) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        system = system == null ? "" : system;
    }
}
