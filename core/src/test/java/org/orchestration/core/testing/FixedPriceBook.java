package org.orchestration.core.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.TokenUsage;

/** A {@link PriceBook} with fixed prices in micro-dollars per million tokens; unknown models are unpriced. */
public final class FixedPriceBook implements PriceBook {

    private record Price(long inputPerMillion, long outputPerMillion) {
    }

    private final Map<String, Price> prices = new HashMap<>();

    /** e.g. {@code price("sonnet", 3_000_000, 15_000_000)} for $3 / $15 per million tokens. */
    public FixedPriceBook price(String model, long inputMicrosPerMillion, long outputMicrosPerMillion) {
        prices.put(model, new Price(inputMicrosPerMillion, outputMicrosPerMillion));
        return this;
    }

    @Override
    public OptionalLong costMicros(String model, TokenUsage usage) {
        return estimateMicros(model, usage.inputTokens() + usage.cacheReadTokens() + usage.cacheWriteTokens(), usage.outputTokens());
    }

    @Override
    public OptionalLong estimateMicros(String model, long inputTokens, long outputTokens) {
        Price p = prices.get(model);
        if (p == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((inputTokens * p.inputPerMillion + outputTokens * p.outputPerMillion + 999_999) / 1_000_000);
    }
}
