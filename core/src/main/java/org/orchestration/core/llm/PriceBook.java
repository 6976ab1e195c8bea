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

    /**
     * What to reserve before a call of at most {@code inputTokens} input (an upper bound from
     * {@link TokenEstimates}) and {@code maxOutputTokens} output: the most the call can cost, with
     * the input at the model's highest input-side price. Empty if the model has no price. The
     * default is {@link #estimateMicros} (for price books with one input price).
     */
    default OptionalLong reservationMicros(String model, long inputTokens, long maxOutputTokens) {
        return estimateMicros(model, inputTokens, maxOutputTokens);
    }
}
