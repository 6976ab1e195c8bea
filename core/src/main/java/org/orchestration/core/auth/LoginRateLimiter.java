package org.orchestration.core.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.orchestration.core.errors.RateLimitedException;

/**
 * Token buckets (bucket4j) for sign-in attempts: one per email and one per client (remote
 * address, or {@code "local"} for the desktop UI). Every attempt, good or bad, costs a token
 * from both; an empty bucket means {@link RateLimitedException} with the seconds until the next
 * token. Buckets run on the injected {@link Clock} so tests can move time.
 *
 * <p>One instance for the whole app (wired in the composition root and shared by the UI and the
 * API), so no entry point has a limiter of its own. Buckets live in memory, in LRU maps capped
 * at {@link Limits#maxTrackedKeys()} entries each so that a flood of made-up emails cannot grow
 * the heap without bound; the per-client bucket still limits such a flood.
 */
public final class LoginRateLimiter {

    /**
     * @param perEmailAttempts attempts allowed in a burst for one email
     * @param perEmailPeriod   time to refill that burst completely
     * @param perClientAttempts attempts allowed in a burst from one client
     * @param perClientPeriod  time to refill that burst completely
     * @param maxTrackedKeys   buckets kept per map before the least recently used is dropped
     */
    public record Limits(int perEmailAttempts, Duration perEmailPeriod, int perClientAttempts,
                         Duration perClientPeriod, int maxTrackedKeys) {

        /** 5 attempts per email per 5 minutes, 20 per client per 5 minutes. */
        public static Limits defaults() {
            return new Limits(5, Duration.ofMinutes(5), 20, Duration.ofMinutes(5), 10_000);
        }

        public Limits {
            if (perEmailAttempts < 1 || perClientAttempts < 1 || maxTrackedKeys < 1) {
                throw new IllegalArgumentException("Rate limits must allow at least one attempt");
            }
        }
    }

    private final Limits limits;
    private final TimeMeter time;
    private final Map<String, Bucket> byEmail;
    private final Map<String, Bucket> byClient;

    public LoginRateLimiter(Limits limits, Clock clock) {
        this.limits = limits;
        this.time = new ClockTimeMeter(clock);
        this.byEmail = lru(limits.maxTrackedKeys());
        this.byClient = lru(limits.maxTrackedKeys());
    }

    /**
     * Takes one attempt from the email's bucket and the client's bucket.
     *
     * @throws RateLimitedException when either is empty; nothing is taken from the other then
     */
    public void acquire(String email, String clientId) {
        String emailKey = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String clientKey = clientId == null || clientId.isBlank() ? "local" : clientId;
        Bucket client = bucket(byClient, clientKey, limits.perClientAttempts(), limits.perClientPeriod());
        Bucket perEmail = bucket(byEmail, emailKey, limits.perEmailAttempts(), limits.perEmailPeriod());
        // Probe both before taking from either, so a rejected attempt does not drain the other bucket.
        long clientWait = client.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        long emailWait = perEmail.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (clientWait > 0 || emailWait > 0) {
            throw limited(Math.max(clientWait, emailWait));
        }
        ConsumptionProbe c = client.tryConsumeAndReturnRemaining(1);
        if (!c.isConsumed()) {
            throw limited(c.getNanosToWaitForRefill());
        }
        ConsumptionProbe e = perEmail.tryConsumeAndReturnRemaining(1);
        if (!e.isConsumed()) {
            throw limited(e.getNanosToWaitForRefill());
        }
    }

    private static RateLimitedException limited(long nanos) {
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return new RateLimitedException(seconds);
    }

    private Bucket bucket(Map<String, Bucket> map, String key, int attempts, Duration period) {
        synchronized (map) {
            return map.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(attempts).refillGreedy(attempts, period).build())
                    .withCustomTimePrecision(time)
                    .build());
        }
    }

    private static Map<String, Bucket> lru(int max) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    /** bucket4j's time source backed by the injected clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
