package org.orchestration.core.llm;

import java.util.List;
import java.util.stream.Collectors;

/** The assistant's reply to one {@link ChatRequest}. */
public record ChatResponse(String model, List<ContentBlock> content, TokenUsage usage, StopReason stopReason) {

    public ChatResponse {
        content = List.copyOf(content);
    }

    /** All text blocks joined. */
    public String text() {
        return content.stream().filter(b -> b instanceof ContentBlock.Text)
                .map(b -> ((ContentBlock.Text) b).text()).collect(Collectors.joining());
    }

    public List<ContentBlock.ToolUse> toolCalls() {
        return content.stream().filter(b -> b instanceof ContentBlock.ToolUse).map(b -> (ContentBlock.ToolUse) b).toList();
    }
}
