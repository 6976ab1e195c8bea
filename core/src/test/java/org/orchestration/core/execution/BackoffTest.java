package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BackoffTest {

    private final Backoff backoff = new Backoff(new Random(42));

    @Property
    void theDelayIsBetweenHalfAndAllOfTheCappedExponentialStep(@ForAll @IntRange(min = 1, max = 40) int retry) {
        long step = Math.min(Backoff.MAX.toMillis(), 2_000L << Math.min(retry - 1, 20));
        long d = backoff.delay(retry, Optional.empty(), 2_000).toMillis();
        assertThat(d).isBetween(step / 2, step);
    }

    @Property
    void theServersRetryAfterIsNeverShortened(@ForAll @IntRange(min = 1, max = 10) int retry,
                                               @ForAll @LongRange(min = 0, max = 3_600_000) long retryAfterMillis) {
        assertThat(backoff.delay(retry, Optional.of(Duration.ofMillis(retryAfterMillis)), 2_000).toMillis())
                .isGreaterThanOrEqualTo(retryAfterMillis);
    }
}
