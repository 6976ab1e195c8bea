package org.orchestration.core.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BooleanSupplier;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;

/**
 * Signs and checks the loopback API's tokens (java-jwt, HS256 only).
 *
 * <ul>
 *   <li><b>access</b> ({@code type=access}, {@code auth.access_token_minutes}, 15 min by default):
 *       the bearer token of every API call.</li>
 *   <li><b>refresh</b> ({@code type=refresh}): only good for {@code AuthService.refresh}; its
 *       SHA-256 is stored in {@code refresh_tokens} so it can be rotated and revoked.</li>
 *   <li><b>sse</b> ({@code type=sse}, 60 s, {@code project_id} claim): goes in the event-stream
 *       URL instead of the access token, and opens only that project's stream.</li>
 * </ul>
 *
 * <p>The verifiers are pinned to HS256 with this secret and issuer: a token with
 * {@code alg=none}, another algorithm, another key, a changed payload, an unexpected type or a
 * past {@code exp} (as seen by the injected clock) is rejected with
 * {@link UnauthorizedException}. {@link #validateAccessToken} is the one check every entry point
 * uses; it also reloads the user, so a deactivated account is refused at once.
 */
public final class TokenService {

    static final String ISSUER = "orchestration-engine";
    static final String TYPE_CLAIM = "type";
    static final String PROJECT_CLAIM = "project_id";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    static final String SSE = "sse";

    private static final String INVALID = "Your session is not valid. Sign in again.";
    private static final String EXPIRED = "Your session has expired. Sign in again.";

    private final Algorithm algorithm;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Duration sseTtl;
    private final UserTable users;
    private final AccountStanding standing;
    private final Clock clock;

    /** A refresh token that passed the signature, type and expiry checks (not yet the database check). */
    record RefreshClaims(String tokenId, String userId) {
    }

    public TokenService(Database db, AppConfig.Auth config, Clock clock) {
        String secret = config.secretKey();
        if (secret == null || secret.length() < AppConfig.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("auth.secret_key must have at least " + AppConfig.MIN_SECRET_LENGTH + " characters");
        }
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.accessTtl = positive(config.accessTokenTtl(), "access");
        this.refreshTtl = positive(config.refreshTokenTtl(), "refresh");
        this.sseTtl = positive(config.sseTokenTtl(), "sse");
        this.users = new UserTable(db);
        this.standing = new AccountStanding(users, new RefreshTokenTable(db), clock);
        this.clock = clock;
    }

    private static Duration positive(Duration ttl, String what) {
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("The " + what + " token lifetime must be positive");
        }
        return ttl;
    }

    /**
     * A new access token for {@code user} (the caller has checked the credentials).
     *
     * @throws UnauthorizedException without an active user
     */
    public IssuedToken issueAccessToken(User user) {
        AccessPolicy.requireUser(user);
        return sign(user.id(), ACCESS, accessTtl, UUID.randomUUID().toString(), null);
    }

    /**
     * A 60-second token that opens the event stream of {@code projectId} only, for its owner or an
     * admin. {@code projectOwnerId} must come from the project row as loaded for this call (the
     * API loads it with {@code ProjectService.get(user, projectId)}, which also answers 404).
     *
     * @throws UnauthorizedException without an active user
     * @throws org.orchestration.core.errors.ForbiddenException when {@code user} is neither the owner nor an admin
     * @throws ValidationException "projectId" when it is blank
     */
    public IssuedToken issueSseToken(User user, String projectId, String projectOwnerId) {
        AccessPolicy.requireOwnerOrAdmin(user, projectOwnerId, "project");
        if (projectId == null || projectId.isBlank()) {
            throw new ValidationException("projectId", "A project id is required.");
        }
        return sign(user.id(), SSE, sseTtl, UUID.randomUUID().toString(), projectId);
    }

    /** A new refresh token whose {@code jti} is {@code tokenId} (the {@code refresh_tokens.id}). */
    IssuedToken issueRefreshToken(User user, String tokenId) {
        return sign(user.id(), REFRESH, refreshTtl, tokenId, null);
    }

    /**
     * The one check for a bearer access token: signature (HS256, this secret), issuer,
     * {@code type=access}, not expired, and the user exists and is active.
     *
     * @throws UnauthorizedException for anything else
     */
    public User validateAccessToken(String token) {
        DecodedJWT jwt = verify(token, ACCESS, null);
        return activeUser(jwt.getSubject());
    }

    /**
     * Checks an event-stream token: as {@link #validateAccessToken} but {@code type=sse} and a
     * {@code project_id} claim equal to {@code projectId}.
     *
     * @throws UnauthorizedException when the token is invalid, expired, of another type or for another project
     */
    public User validateSseToken(String token, String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw new UnauthorizedException(INVALID);
        }
        DecodedJWT jwt = verify(token, SSE, projectId);
        return activeUser(jwt.getSubject());
    }

    /**
     * Whether an event stream opened for {@code userId} at {@code openedAt} may go on: the account
     * is still active and none of its sessions has been revoked (signed out, signed out everywhere,
     * password changed or reset, deactivated) at or after {@code openedAt}. Answers from a per-user
     * snapshot at most one second old, so it is cheap enough to ask before every event.
     */
    public boolean mayKeepStreaming(String userId, Instant openedAt) {
        return standing.inGoodStanding(userId, openedAt);
    }

    /**
     * What {@link #mayKeepStreaming} answers for {@code actor}'s event stream opened now, as a check the
     * stream runs before each event and heartbeat (cheap: no query per call).
     *
     * @throws UnauthorizedException without an active user
     */
    public BooleanSupplier standing(User actor) {
        AccessPolicy.requireUser(actor);
        Instant openedAt = clock.instant();
        return () -> mayKeepStreaming(actor.id(), openedAt);
    }

    /** Whole seconds from now until {@code at}, rounded up (a token issued for 900 s says 900); 0 once past. */
    public long secondsUntil(Instant at) {
        long millis = Duration.between(clock.instant(), at).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }

    /** Signature, type and expiry of a refresh token; the database decides whether it is still live. */
    RefreshClaims verifyRefreshToken(String token) {
        DecodedJWT jwt = verify(token, REFRESH, null);
        if (jwt.getId() == null) {
            throw new UnauthorizedException(INVALID);
        }
        return new RefreshClaims(jwt.getId(), jwt.getSubject());
    }

    private IssuedToken sign(String userId, String type, Duration ttl, String tokenId, String projectId) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        var builder = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withClaim(TYPE_CLAIM, type)
                .withJWTId(tokenId)
                .withIssuedAt(now)
                .withExpiresAt(expires);
        if (projectId != null) {
            builder.withClaim(PROJECT_CLAIM, projectId);
        }
        return new IssuedToken(builder.sign(algorithm), expires);
    }

    /** Verifiers without a project claim (access, refresh) are immutable and thread-safe: built once per type. */
    private final ConcurrentMap<String, JWTVerifier> verifiers = new ConcurrentHashMap<>();

    private DecodedJWT verify(String token, String type, String projectId) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("Sign in first.");
        }
        JWTVerifier verifier = projectId == null
                ? verifiers.computeIfAbsent(type, t -> buildVerifier(t, null))
                : buildVerifier(type, projectId);
        try {
            return verifier.verify(token.strip());
        } catch (TokenExpiredException e) {
            throw new UnauthorizedException(EXPIRED);
        } catch (JWTVerificationException e) {
            throw new UnauthorizedException(INVALID);
        }
    }

    private JWTVerifier buildVerifier(String type, String projectId) {
        Verification verification = JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withClaim(TYPE_CLAIM, type)
                .withClaimPresence("sub")
                .withClaimPresence("exp");
        if (projectId != null) {
            verification.withClaim(PROJECT_CLAIM, projectId);
        }
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    private User activeUser(String userId) {
        User user = users.findById(userId).orElseThrow(() -> new UnauthorizedException(INVALID));
        if (!user.active()) {
            throw new UnauthorizedException("This account is deactivated.");
        }
        return user;
    }
}
