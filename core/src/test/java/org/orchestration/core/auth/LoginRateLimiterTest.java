package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.testing.MutableClock;
import org.slf4j.LoggerFactory;

/** The sign-in limiter on a clock the tests move: per-email growing delay, global ceiling, registration. */
class LoginRateLimiterTest {

    private static final String ALICE = "alice@example.com";
    private static final LoginRateLimiter.Limits DEFAULTS = LoginRateLimiter.Limits.defaults();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginRateLimiter limiter = new LoginRateLimiter(DEFAULTS, clock);

    @Test
    void theFirstThreeFailuresAreFreeThenTheWaitDoublesFromOneSecond() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        List<Long> waits = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long wait = refusedWait(ALICE);
            waits.add(wait);
            clock.advance(Duration.ofSeconds(wait));
            limiter.acquireLogin(ALICE);
        }

        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L);
    }

    @Test
    void theRefusalSaysWhyAndWhenToTryAgain() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }

        assertThatThrownBy(() -> limiter.acquireLogin(ALICE))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
                .hasMessage("Too many failed sign-ins for this email address. Try again in 1 s.");
    }

    @Test
    void aRefusalOneMillisecondBeforeTheEndOfTheWaitStillSaysOneSecond() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        clock.advance(Duration.ofMillis(999));

        assertThat(refusedWait(ALICE)).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThatCode(() -> limiter.acquireLogin(ALICE)).doesNotThrowAnyException();
    }

    @Test
    void theWaitStopsGrowingAtFiveMinutesAndTheNextAttemptIsAlwaysAdmittedAfterIt() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        long longest = 0;
        for (int round = 0; round < 60; round++) { // far past 2^40, where a naive shift would overflow
            long wait = refusedWait(ALICE);
            longest = Math.max(longest, wait);
            clock.advance(Duration.ofSeconds(wait));
            assertThatCode(() -> limiter.acquireLogin(ALICE)).as("round %d", round).doesNotThrowAnyException();
        }

        assertThat(longest).isEqualTo(300);
        assertThat(refusedWait(ALICE)).isEqualTo(300);
    }

    @Test
    void aClockSteppedBackDoesNotStretchAWaitBeyondTheCap() {
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(5));
            limiter.acquireLogin(ALICE);
        }
        clock.advance(Duration.ofMinutes(-30));

        assertThat(refusedWait(ALICE)).isEqualTo(300);
    }

    @Test
    void aSuccessfulSignInClearsTheFailures() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        clock.advance(Duration.ofSeconds(refusedWait(ALICE)));
        limiter.acquireLogin(ALICE);
        limiter.loginSucceeded(ALICE);

        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        assertThat(refusedWait(ALICE)).isEqualTo(1);
    }

    @Test
    void anEmailLeftAloneForAnHourStartsAfresh() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(5));
            limiter.acquireLogin(ALICE);
        }
        assertThat(refusedWait(ALICE)).isEqualTo(64); // 10 in a row: 7 beyond the free ones, 2^6 s

        clock.advance(Duration.ofHours(1));

        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }
        assertThat(refusedWait(ALICE)).isEqualTo(1);
    }

    @Test
    void oneEmailsDelayDoesNotTouchAnother() {
        for (int i = 0; i < 20; i++) {
            try {
                limiter.acquireLogin(ALICE);
            } catch (RateLimitedException expected) {
                // the attacker keeps going
            }
        }

        assertThatCode(() -> limiter.acquireLogin("bob@example.com")).doesNotThrowAnyException();
    }

    @Test
    void caseAndSurroundingSpacesDoNotEscapeAnEmailsDelay() {
        for (int i = 0; i < 4; i++) {
            limiter.acquireLogin(ALICE);
        }

        assertThat(refusedWait("  ALICE@Example.COM ")).isEqualTo(1);
    }

    @Test
    void theGlobalCeilingStopsAFloodSpreadOverManyEmails() {
        LoginRateLimiter small = new LoginRateLimiter(withGlobal(new LoginRateLimiter.Rate(10, Duration.ofMinutes(1))), clock);
        for (int i = 0; i < 10; i++) {
            small.acquireLogin("user" + i + "@example.com");
        }

        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> small.acquireLogin(ALICE));

        assertThat(refused.getMessage()).isEqualTo("Too many sign-in attempts right now. Try again in 6 s.");
        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        assertThatCode(() -> small.acquireLogin(ALICE)).doesNotThrowAnyException();
    }

    @Test
    void attemptsRefusedByAnEmailsDelayDoNotCountAgainstTheGlobalCeiling() {
        LoginRateLimiter small = new LoginRateLimiter(withGlobal(new LoginRateLimiter.Rate(10, Duration.ofMinutes(1))), clock);
        for (int i = 0; i < 4; i++) {
            small.acquireLogin(ALICE);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThatThrownBy(() -> small.acquireLogin(ALICE)).hasMessageContaining("this email address");
        }

        for (int i = 0; i < 6; i++) { // 4 + 6 = the ceiling of 10
            small.acquireLogin("user" + i + "@example.com");
        }
        assertThatThrownBy(() -> small.acquireLogin("late@example.com")).hasMessageContaining("right now");
    }

    @Test
    void registrationHasACeilingOfItsOwn() {
        for (int i = 0; i < 60; i++) {
            limiter.acquireRegistration();
        }

        RateLimitedException refused = assertThrows(RateLimitedException.class, limiter::acquireRegistration);

        assertThat(refused.retryAfterSeconds()).isEqualTo(60); // 60 an hour: one more every minute
        assertThat(refused.getMessage()).isEqualTo("Too many registrations right now. Try again in 1 min.");
        assertThatCode(() -> limiter.acquireLogin(ALICE)).doesNotThrowAnyException();
    }

    @Test
    void aFullSignInCeilingLeavesRegistrationOpen() {
        LoginRateLimiter small = new LoginRateLimiter(withGlobal(new LoginRateLimiter.Rate(3, Duration.ofMinutes(1))), clock);
        for (int i = 0; i < 3; i++) {
            small.acquireLogin("user" + i + "@example.com");
        }
        assertThatThrownBy(() -> small.acquireLogin(ALICE)).isInstanceOf(RateLimitedException.class);

        assertThatCode(small::acquireRegistration).doesNotThrowAnyException();
    }

    @Test
    void theTrackedEmailsStayBoundedAndTheLeastRecentlyUsedGoesFirst() {
        LoginRateLimiter.Limits d = DEFAULTS;
        LoginRateLimiter small = new LoginRateLimiter(new LoginRateLimiter.Limits(d.freeFailures(), d.firstDelay(),
                d.maxDelay(), d.forgetAfter(), d.global(), d.registration(), 3), clock);
        for (int i = 0; i < 4; i++) {
            small.acquireLogin(ALICE);
            small.acquireLogin("bob@example.com");
        }
        small.acquireLogin("carol@example.com");
        assertThatThrownBy(() -> small.acquireLogin(ALICE)).isInstanceOf(RateLimitedException.class); // alice: most recent

        small.acquireLogin("dave@example.com");

        assertThat(small.trackedKeys()).isEqualTo(3);
        assertThatThrownBy(() -> small.acquireLogin(ALICE)).as("kept").isInstanceOf(RateLimitedException.class);
        assertThatCode(() -> small.acquireLogin("bob@example.com")).as("evicted, so forgotten").doesNotThrowAnyException();
        for (int i = 0; i < 200; i++) {
            small.acquireLogin("flood" + i + "@example.com");
            assertThat(small.trackedKeys()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void concurrentGuessesAtOneEmailCannotSlipPastTheDelay() throws Exception {
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> guesser = () -> {
                    go.await();
                    int n = 0;
                    for (int i = 0; i < 200; i++) {
                        try {
                            limiter.acquireLogin(ALICE);
                            n++;
                        } catch (RateLimitedException refused) {
                            // the clock does not move: every further guess is refused
                        }
                    }
                    return n;
                };
                admitted.add(pool.submit(guesser));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(30, TimeUnit.SECONDS);
            }

            assertThat(total).isEqualTo(DEFAULTS.freeFailures() + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void enteringADelayIsLoggedWithTheEmailButNeverThePassword() {
        Logger logger = (Logger) LoggerFactory.getLogger(LoginRateLimiter.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMinutes(5));
                limiter.acquireLogin(ALICE);
            }
            limiter.acquireLogin("bad\nline@example.com");
            for (int i = 0; i < 3; i++) {
                limiter.acquireLogin("bad\nline@example.com");
            }
        } finally {
            logger.detachAppender(appender);
        }

        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(appender.list).allMatch(e -> e.getLevel() == Level.WARN);
        assertThat(lines).hasSize(2); // once per email entering its delay, not once per failure
        assertThat(lines.get(0)).contains(ALICE, "4 attempts in a row", "1 s");
        assertThat(lines.get(1)).contains("a malformed email").doesNotContain("\n");
    }

    @Test
    void limitsThatWouldNeverAdmitAnAttemptAreRefused() {
        LoginRateLimiter.Limits d = DEFAULTS;
        assertThatThrownBy(() -> new LoginRateLimiter.Rate(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginRateLimiter.Limits(3, Duration.ofMinutes(10), Duration.ofMinutes(5),
                d.forgetAfter(), d.global(), d.registration(), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginRateLimiter.Limits(3, d.firstDelay(), d.maxDelay(), Duration.ofMinutes(1),
                d.global(), d.registration(), 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private long refusedWait(String email) {
        return assertThrows(RateLimitedException.class, () -> limiter.acquireLogin(email)).retryAfterSeconds();
    }

    private static LoginRateLimiter.Limits withGlobal(LoginRateLimiter.Rate global) {
        LoginRateLimiter.Limits d = DEFAULTS;
        return new LoginRateLimiter.Limits(d.freeFailures(), d.firstDelay(), d.maxDelay(), d.forgetAfter(), global,
                d.registration(), d.maxTrackedKeys());
    }
}
