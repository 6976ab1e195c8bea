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
import org.orchestration.core.errors.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing without letting anyone lock another person out.
 *
 * <ul>
 *   <li><b>Per account</b> (keyed by the normalised email, known or not): the first
 *   {@link Limits#freeFailures()} attempts in a row without success are free; after that each
 *   further attempt has to wait {@link Limits#firstDelay()}, doubling per failure up to
 *   {@link Limits#maxDelay()}. A successful sign-in clears the account; so does
 *   {@link Limits#forgetAfter()} without any attempt. There is no permanent lock.</li>
 *   <li><b>Global ceiling</b> on sign-in attempts for the whole app, generous, against a flood
 *   spread over many emails. Attempts refused by an account's delay do not count against it, so
 *   one attacker hammering one account never reaches it.</li>
 *   <li><b>Registration</b> has a ceiling of its own, independent of sign-in.</li>
 * </ul>
 *
 * <p>Nothing is keyed by client address: the API listens on loopback only, so every local client
 * would share one key. The limiter never looks at the database, so a delay is the same for an
 * email that has an account and one that does not. An attempt counts as a failure as soon as it
 * is admitted (until {@link #loginSucceeded} clears it), so concurrent guesses cannot all slip
 * through before the first failure is recorded.
 *
 * <p>Accounts live in memory in an LRU map of at most {@link Limits#maxTrackedKeys()} entries.
 * Each new entry costs a token of the global ceiling, so pushing an attacked account out of the
 * map takes longer than its longest delay with the defaults (10,000 keys at 300 a minute).
 * One instance for the whole app, inside the one {@link AuthService} the desktop and the API share.
 */
public final class LoginRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(LoginRateLimiter.class);

    /** {@code attempts} per {@code period}, refilled gradually. */
    public record Rate(int attempts, Duration period) {
        public Rate {
            if (attempts < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("A rate needs at least one attempt in a positive period");
            }
        }
    }

    /**
     * @param freeFailures   attempts in a row without success before the delay starts
     * @param firstDelay     the wait after the first failure beyond the free ones; doubles per failure
     * @param maxDelay       the longest wait
     * @param forgetAfter    an account with no attempt for this long starts afresh
     * @param global         sign-in attempts for the whole app
     * @param registration   registrations for the whole app
     * @param maxTrackedKeys accounts kept before the least recently used is dropped
     */
    public record Limits(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
                         Rate global, Rate registration, int maxTrackedKeys) {

        /** 3 free failures, then 1 s doubling to 5 min, forgotten after 1 h; 300 sign-ins a minute; 60 registrations an hour. */
        public static Limits defaults() {
            return new Limits(3, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1),
                    new Rate(300, Duration.ofMinutes(1)), new Rate(60, Duration.ofHours(1)), 10_000);
        }

        public Limits {
            if (freeFailures < 0 || maxTrackedKeys < 1) {
                throw new IllegalArgumentException("Free failures must not be negative and at least one key must be tracked");
            }
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                    || forgetAfter.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("Delays must be positive, firstDelay <= maxDelay <= forgetAfter");
            }
        }
    }

    /** Consecutive attempts without success of one email, and when the next one may start. */
    private static final class Account {
        int failures;
        long lastAttemptMillis;
        long nextAllowedMillis;
    }

    private final Limits limits;
    private final Clock clock;
    private final Bucket global;
    private final Bucket registration;
    private final Map<String, Account> accounts;

    public LoginRateLimiter(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        TimeMeter time = new ClockTimeMeter(clock);
        this.global = bucket(limits.global(), time);
        this.registration = bucket(limits.registration(), time);
        int max = limits.maxTrackedKeys();
        this.accounts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Account> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Admits one sign-in attempt for {@code email} and counts it as a failure until
     * {@link #loginSucceeded} says otherwise. Nothing is counted when the attempt is refused.
     *
     * @throws RateLimitedException when this email is in its delay, or the app-wide ceiling is
     *         reached; the exception carries the seconds to wait
     */
    public void acquireLogin(String email) {
        String key = key(email);
        long now = clock.millis();
        int failures;
        long delay;
        synchronized (accounts) {
            Account account = accounts.get(key);
            if (account != null && now - account.lastAttemptMillis >= limits.forgetAfter().toMillis()) {
                accounts.remove(key);
                account = null;
            }
            if (account != null) {
                // A wall clock stepped back must not stretch a wait beyond the cap.
                account.nextAllowedMillis = Math.min(account.nextAllowedMillis, now + limits.maxDelay().toMillis());
            }
            if (account != null && now < account.nextAllowedMillis) {
                throw limited("Too many failed sign-ins for this email address.", account.nextAllowedMillis - now);
            }
            ConsumptionProbe probe = global.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw limited("Too many sign-in attempts right now.", probe.getNanosToWaitForRefill() / 1_000_000L);
            }
            if (account == null) {
                account = new Account();
                accounts.put(key, account);
            }
            failures = ++account.failures;
            delay = delayAfter(failures);
            account.lastAttemptMillis = now;
            account.nextAllowedMillis = now + delay;
        }
        if (failures == limits.freeFailures() + 1) {
            log.warn("Sign-in for {} is now delayed: {} attempts in a row without success; the next is allowed in {} s "
                    + "(the wait doubles per failure up to {} s)", loggable(email), failures, seconds(delay),
                    limits.maxDelay().toSeconds());
        }
    }

    /** Clears {@code email}'s failures after a successful sign-in. */
    public void loginSucceeded(String email) {
        synchronized (accounts) {
            accounts.remove(key(email));
        }
    }

    /**
     * Admits one registration (app-wide ceiling, separate from sign-in).
     *
     * @throws RateLimitedException when the ceiling is reached, with the seconds to wait
     */
    public void acquireRegistration() {
        ConsumptionProbe probe = registration.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw limited("Too many registrations right now.", probe.getNanosToWaitForRefill() / 1_000_000L);
        }
    }

    /** How many emails are tracked now (for the bounded-memory test). */
    int trackedKeys() {
        synchronized (accounts) {
            return accounts.size();
        }
    }

    private long delayAfter(int failures) {
        int beyond = failures - limits.freeFailures();
        if (beyond <= 0) {
            return 0;
        }
        long first = limits.firstDelay().toMillis();
        long max = limits.maxDelay().toMillis();
        // Shifting past 62 bits would overflow; by then the cap has long been reached.
        return beyond > 40 ? max : Math.min(max, first << (beyond - 1));
    }

    /** The same normalisation as {@link AccountRules#email} for valid addresses; anything else keys as typed. */
    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The address when it is one; never a raw attacker-chosen string (control characters, huge lengths) in the log. */
    private static String loggable(String email) {
        try {
            return AccountRules.email(email);
        } catch (ValidationException e) {
            return "a malformed email";
        }
    }

    private static RateLimitedException limited(String reason, long millis) {
        return new RateLimitedException(reason, seconds(millis));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Bucket bucket(Rate rate, TimeMeter time) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.attempts()).refillGreedy(rate.attempts(), rate.period()).build())
                .withCustomTimePrecision(time)
                .build();
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
