package org.orchestration.core.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Prices of one model in USD per million tokens. Because one micro-dollar per token equals one
 * USD per million tokens, {@code tokens x price} is already micro-dollars: the arithmetic is exact
 * in BigDecimal and rounded once, upwards, so recorded spend never undercounts.
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheWrite, BigDecimal cacheRead) {

    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(cacheRead, "cacheRead");
        if (input.signum() < 0 || output.signum() < 0 || cacheWrite.signum() < 0 || cacheRead.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** Exact cost of {@code usage} in micro-dollars (input, output, cache write and cache read). */
    public long costMicros(TokenUsage usage) {
        BigDecimal micros = input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())));
        return micros.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * The most {@code inputTokens} input and {@code outputTokens} output can cost, in micro-dollars:
     * the input priced at the highest input-side price (a cache write usually), so a reservation
     * made with it also covers a call that writes its whole prompt to the cache.
     */
    public long worstCaseMicros(long inputTokens, long outputTokens) {
        BigDecimal inputPrice = input.max(cacheWrite).max(cacheRead);
        return inputPrice.multiply(BigDecimal.valueOf(inputTokens)).add(output.multiply(BigDecimal.valueOf(outputTokens)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public boolean isFree() {
        return input.signum() == 0 && output.signum() == 0 && cacheWrite.signum() == 0 && cacheRead.signum() == 0;
    }
}
