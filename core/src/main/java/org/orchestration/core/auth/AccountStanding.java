package org.orchestration.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a long-lived connection opened for a user may go on: the account is still active and
 * none of its sessions was revoked since the connection opened. Asked before every event and
 * heartbeat of every open event stream, so the answer comes from a per-user snapshot at most
 * {@link #MAX_AGE} old (by the injected clock): two small queries per user per second at most,
 * however many streams and events there are.
 */
final class AccountStanding {

    /** How stale a snapshot may be; a revoked user's streams close within about this long. */
    static final Duration MAX_AGE = Duration.ofSeconds(1);

    private record Snapshot(boolean active, Optional<Instant> lastRevocation, Instant takenAt) {
    }

    private final UserTable users;
    private final RefreshTokenTable refreshTokens;
    private final Clock clock;
    /** One entry per user that has an open stream (bounded by the users table). */
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    AccountStanding(UserTable users, RefreshTokenTable refreshTokens, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** True while the user exists, is active and has had no session revoked at or after {@code since}. */
    boolean inGoodStanding(String userId, Instant since) {
        Instant now = clock.instant();
        // compute() runs one refresh per user at a time: many streams of one user share one query.
        Snapshot snapshot = snapshots.compute(userId, (id, old) ->
                old != null && old.takenAt().plus(MAX_AGE).isAfter(now) ? old : load(id, now));
        return snapshot.active() && snapshot.lastRevocation().map(at -> at.isBefore(since)).orElse(true);
    }

    private Snapshot load(String userId, Instant now) {
        boolean active = users.findById(userId).map(User::active).orElse(false);
        return new Snapshot(active, active ? refreshTokens.lastRevocationOf(userId) : Optional.empty(), now);
    }
}
