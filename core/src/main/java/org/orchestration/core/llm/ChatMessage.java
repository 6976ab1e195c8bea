package org.orchestration.core.llm;

import java.util.List;

/** One message of a conversation. Tool results travel in a USER message, as Anthropic wants. */
public record ChatMessage(Role role, List<ContentBlock> content) {

    public enum Role { USER, ASSISTANT }

    public ChatMessage {
        content = List.copyOf(content);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new ContentBlock.Text(text)));
    }

    public static ChatMessage assistant(List<ContentBlock> content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
