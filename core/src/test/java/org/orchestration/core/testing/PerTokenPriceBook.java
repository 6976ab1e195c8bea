package org.orchestration.core.testing;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.TokenUsage;

/**
 * Prices in micro-dollars per token (input, output); cache tokens cost like input. Models not
 * added have no price (both methods answer empty), as the real price book does.
 */
public final class PerTokenPriceBook implements PriceBook {

    private record Price(long inputMicrosPerToken, long outputMicrosPerToken) {
    }

    private final Map<String, Price> prices = new ConcurrentHashMap<>();

    public PerTokenPriceBook price(String model, long inputMicrosPerToken, long outputMicrosPerToken) {
        prices.put(model, new Price(inputMicrosPerToken, outputMicrosPerToken));
        return this;
    }

    @Override
    public OptionalLong costMicros(String model, TokenUsage u) {
        Price p = prices.get(model);
        if (p == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((u.inputTokens() + u.cacheReadTokens() + u.cacheWriteTokens()) * p.inputMicrosPerToken
                + u.outputTokens() * p.outputMicrosPerToken);
    }

    @Override
    public OptionalLong estimateMicros(String model, long inputTokens, long outputTokens) {
        Price p = prices.get(model);
        if (p == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(inputTokens * p.inputMicrosPerToken + outputTokens * p.outputMicrosPerToken);
    }
}
