package org.orchestration.core.llm;

import java.util.OptionalLong;

/**
 * Prices per model. Unknown models fail closed: both methods return empty, and the budget then
 * refuses the call (unless the model is marked free).
 */
public interface PriceBook {

    /** Exact cost of a finished call in micro-dollars, cache tokens included; empty if the model has no price. */
    OptionalLong costMicros(String model, TokenUsage usage);

    /** Cost estimate before a call (input and output token estimates); empty if the model has no price. */
    OptionalLong estimateMicros(String model, long inputTokens, long outputTokens);
}
