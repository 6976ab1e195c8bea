package org.orchestration.core.execution;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Delay before an automatic retry: exponential ({@link #BASE} x 2^(n-1), capped at {@link #MAX})
 * with "equal jitter" (half fixed, half random) so tasks that failed together do not retry
 * together; never shorter than the server's retry-after hint.
 */
final class Backoff {

    static final Duration BASE = Duration.ofSeconds(2);
    static final Duration MAX = Duration.ofMinutes(5);

    private final RandomGenerator random;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** @param retryNumber 1 for the first automatic retry */
    Duration delay(int retryNumber, Optional<Duration> retryAfter, long baseMillis) {
        int shift = Math.min(Math.max(0, retryNumber - 1), 20);
        long exp = Math.min(MAX.toMillis(), baseMillis << shift);
        long jittered = exp / 2 + (long) (random.nextDouble() * (exp / 2.0));
        long hinted = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, Math.min(hinted, Duration.ofHours(1).toMillis())));
    }
}
