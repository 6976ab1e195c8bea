package org.orchestration.core.execution;

import java.util.List;
import java.util.OptionalLong;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.llm.TokenEstimates;

/**
 * What one round of a task's tool loop reserves: the most the round's call can cost. Built once
 * per attempt (the system prompt and the tool definitions, whose schemas are serialised only
 * here, are counted once) and told of every message added to the conversation, so a round costs
 * a price lookup and no re-serialisation. The bounds are {@link TokenEstimates}'s upper bounds;
 * the output is the call's {@code max_tokens}; the price is {@link PriceBook#reservationMicros}.
 */
final class RoundReservation {

    private final PriceBook prices;
    private final String model;
    private final int maxTokens;
    private long inputTokens;

    RoundReservation(PriceBook prices, String model, String system, List<ToolSpec> tools, int maxTokens) {
        this.prices = prices;
        this.model = model;
        this.maxTokens = maxTokens;
        this.inputTokens = TokenEstimates.REQUEST_OVERHEAD_TOKENS + TokenEstimates.upperBoundTokens(system)
                + TokenEstimates.toolsUpperBound(tools);
    }

    /** Counts a message added to the conversation (sent with every later round). */
    void add(ChatMessage message) {
        inputTokens += TokenEstimates.messageUpperBound(message);
    }

    /** Upper bound of the next round's input tokens. */
    long inputTokens() {
        return inputTokens;
    }

    /** The next round's reservation in micro-dollars; empty when the model has no price. */
    OptionalLong micros() {
        return prices.reservationMicros(model, inputTokens, maxTokens);
    }
}
