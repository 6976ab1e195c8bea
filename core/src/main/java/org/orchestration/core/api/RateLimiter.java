package org.orchestration.core.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.errors.RateLimitedException;

/** One token bucket per key (client address or user id), bucket4j, in memory. */
final class RateLimiter {

    /** Past this many keys the map is emptied: worst case a caller gets a fresh bucket early, memory stays bounded. */
    private static final int MAX_KEYS = 10_000;

    private final ApiOptions.Limit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(ApiOptions.Limit limit) {
        this.limit = limit;
    }

    /** Takes one token for {@code key}. @throws RateLimitedException with the seconds until the next token */
    void acquire(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L;
            throw new RateLimitedException(Math.max(1, seconds));
        }
    }
}
