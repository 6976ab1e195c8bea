package org.orchestration.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: registration, sign-in, refresh-token rotation, sign-out.
 *
 * <p>bcrypt makes {@link #register}, {@link #login} and {@link #changePassword} slow on purpose
 * (about a quarter of a second at cost 12): call them off the UI thread.
 */
public final class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    /** The one message for every sign-in failure, so it reveals nothing about which emails exist. */
    public static final String LOGIN_FAILED = "Email or password is incorrect.";
    /** The one message for a registration refused for a reason other than a field's format. */
    public static final String REGISTRATION_FAILED = "Registration failed";

    private final Database db;
    private final UserTable users;
    private final RefreshTokenTable refreshTokens;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final LoginRateLimiter rateLimiter;
    private final RegistrationSetting registration;
    private final AppConfig.AuthMode mode;
    private final Clock clock;

    public AuthService(Database db, SettingsStore settings, PasswordHasher hasher, TokenService tokens,
                       LoginRateLimiter rateLimiter, AppConfig.Auth config, Clock clock) {
        this.db = db;
        this.users = new UserTable(db);
        this.refreshTokens = new RefreshTokenTable(db);
        this.hasher = hasher;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.registration = new RegistrationSetting(settings, config.registrationOpen());
        this.mode = config.mode();
        this.clock = clock;
    }

    /**
     * Creates an account. The first account ever becomes admin; the count and the insert happen in
     * one {@code BEGIN IMMEDIATE} transaction, so concurrent first registrations yield exactly
     * one admin. Later accounts are {@code user}s and need open registration.
     *
     * @throws ValidationException naming {@code email}, {@code password} or {@code displayName}
     *         when a field is malformed; with no field and the message {@value #REGISTRATION_FAILED}
     *         when the email is already taken (indistinguishable from any other refusal)
     * @throws ForbiddenException when registration is closed, or the app runs in single-user mode
     * @throws RateLimitedException when the app-wide registration ceiling is reached (checked after
     *         the fields, so a typo costs nothing); the message says when to try again
     */
    public User register(String email, String password, String displayName) {
        String cleanEmail = AccountRules.email(email);
        String cleanPassword = AccountRules.password(password);
        String cleanName = AccountRules.displayName(displayName);
        rateLimiter.acquireRegistration();
        // Hash before taking the write lock (bcrypt is slow) and before the duplicate check, so a
        // taken email costs the same time as a free one.
        String hash = hasher.hash(cleanPassword);
        try {
            User created = db.inTransaction(() -> {
                long existing = users.count();
                if (existing > 0 && mode == AppConfig.AuthMode.SINGLE) {
                    throw new ForbiddenException("This app runs in single-user mode; accounts cannot be registered.");
                }
                if (existing > 0 && !registration.isOpen()) {
                    throw new ForbiddenException("Registration is closed. Ask an administrator for an account.");
                }
                if (users.emailExists(cleanEmail)) {
                    throw registrationFailed();
                }
                User user = new User(UUID.randomUUID().toString(), cleanEmail, cleanName,
                        existing == 0 ? Role.ADMIN : Role.USER, true);
                users.insert(user, hash, clock.instant());
                return user;
            });
            log.info("Registered user {} as {}", created.id(), created.role().dbValue());
            return created;
        } catch (StorageException e) {
            if (Database.isConstraintViolation(e)) {
                throw registrationFailed(); // the UNIQUE(email) backstop
            }
            throw e;
        }
    }

    private static ValidationException registrationFailed() {
        return new ValidationException(REGISTRATION_FAILED);
    }

    /** Whether a new account may be registered now (the sign-in screen shows "Register" only then). */
    /**
     * As {@link #register}, where the display name is optional ({@code POST /api/auth/register}): an
     * account registered without one is shown by its email's local part. A malformed email is refused
     * naming {@code email}, as there.
     */
    public User registerNameOptional(String email, String password, String displayName) {
        if (displayName != null || email == null) {
            return register(email, password, displayName);
        }
        String clean = email.strip();
        int at = clean.indexOf('@');
        return register(email, password, at > 0 ? clean.substring(0, at) : null);
    }

    public boolean isRegistrationOpen() {
        return mode == AppConfig.AuthMode.MULTI && (users.count() == 0 || registration.isOpen());
    }

    /**
     * Signs in. An unknown email still costs one bcrypt check (against a precomputed dummy hash)
     * so timing does not reveal whether the email exists; the rate limit is keyed by the email as
     * typed (normalised), never by a lookup, so it behaves the same for unknown emails.
     *
     * @throws RateLimitedException when this email is in its delay after repeated failures, or the
     *         app-wide ceiling is reached; the message says when to try again. Checked before any
     *         lookup; a success clears the email's failures.
     * @throws UnauthorizedException with {@link #LOGIN_FAILED} for an unknown email, a wrong
     *         password, a malformed email or a deactivated account alike
     */
    public TokenPair login(String email, String password) {
        User user = signIn(email, password);
        return db.inTransaction(() -> issuePair(user, UUID.randomUUID().toString()));
    }

    /**
     * Signs in as {@link #login} does (same rate limits, same checks, same one message) for a client
     * that keeps the signed-in user itself instead of tokens: the desktop window. No refresh token
     * is stored, so nothing is left behind for a session that never refreshes.
     *
     * @throws RateLimitedException as {@link #login}
     * @throws UnauthorizedException with {@link #LOGIN_FAILED} as {@link #login}
     */
    public User signIn(String email, String password) {
        rateLimiter.acquireLogin(email);
        Optional<UserTable.Credentials> found = normalizedEmail(email).flatMap(users::findCredentialsByEmail);
        boolean matches = found.isPresent()
                ? hasher.matches(password, found.get().passwordHash())
                : hasher.verifyAgainstDummy(password);
        if (!matches || !found.get().user().active()) {
            throw new UnauthorizedException(LOGIN_FAILED);
        }
        User user = found.get().user();
        String rehash = hasher.needsRehash(found.get().passwordHash()) ? hasher.hash(password) : null;
        db.inTransaction(() -> {
            users.touchLastLogin(user.id(), clock.instant());
            if (rehash != null) {
                users.setPasswordHash(user.id(), rehash);
            }
        });
        rateLimiter.loginSucceeded(email);
        return user;
    }

    private static Optional<String> normalizedEmail(String email) {
        try {
            return Optional.of(AccountRules.email(email));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /** {@link #login} as a client receives it: the token pair with its lifetimes in whole seconds. */
    public TokenResponse loginResponse(String email, String password) {
        return response(login(email, password));
    }

    /** {@link #refresh} as a client receives it (see {@link #loginResponse}). */
    public TokenResponse refreshResponse(String refreshToken) {
        return response(refresh(refreshToken));
    }

    private TokenResponse response(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "bearer", tokens.secondsUntil(pair.accessExpiresAt()),
                tokens.secondsUntil(pair.refreshExpiresAt()), pair.user());
    }

    /**
     * Exchanges a refresh token for a new pair and revokes the old one (rotation). Presenting a
     * token that was already rotated away is treated as theft: every refresh token of that user
     * is revoked, so both the thief and the owner must sign in again.
     *
     * @throws UnauthorizedException when the token is malformed, tampered, not a refresh token,
     *         expired, revoked, already used, or its user is deactivated
     */
    public TokenPair refresh(String refreshToken) {
        TokenService.RefreshClaims claims = tokens.verifyRefreshToken(refreshToken);
        String hash = Hashes.sha256Hex(refreshToken.strip());
        Optional<TokenPair> rotated = db.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<RefreshTokenTable.Row> row = refreshTokens.findByHash(hash)
                    .filter(r -> r.id().equals(claims.tokenId()) && r.userId().equals(claims.userId()));
            if (row.isEmpty()) {
                return Optional.<TokenPair>empty();
            }
            if (row.get().revokedAt().isPresent()) {
                if (row.get().replacedBy().isPresent()) {
                    int revoked = refreshTokens.revokeAllOf(row.get().userId(), now);
                    log.warn("A rotated refresh token of user {} was presented again; revoked {} live session(s)",
                            row.get().userId(), revoked);
                }
                return Optional.<TokenPair>empty();
            }
            Optional<User> user = users.findById(row.get().userId()).filter(User::active);
            if (!row.get().expiresAt().isAfter(now) || user.isEmpty()) {
                return Optional.<TokenPair>empty();
            }
            String newTokenId = UUID.randomUUID().toString();
            TokenPair pair = issuePair(user.get(), newTokenId);
            refreshTokens.revoke(row.get().id(), now, newTokenId);
            return Optional.of(pair);
        });
        return rotated.orElseThrow(() -> new UnauthorizedException("Your session has ended. Sign in again."));
    }

    /** Signs out one session: revokes this refresh token. Unknown or already revoked tokens are ignored. */
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return;
        }
        refreshTokens.findByHash(Hashes.sha256Hex(refreshToken.strip()))
                .ifPresent(row -> refreshTokens.revoke(row.id(), clock.instant(), null));
    }

    /** Signs out every session of the acting user (all refresh tokens revoked). */
    public void logoutEverywhere(User actor) {
        AccessPolicy.requireUser(actor);
        refreshTokens.revokeAllOf(actor.id(), clock.instant());
    }

    /**
     * Deletes refresh-token rows that have expired (they can never be used again); the app may
     * call this at start. Returns how many were deleted.
     */
    public int purgeExpiredRefreshTokens() {
        return refreshTokens.deleteExpiredBefore(clock.instant());
    }

    /**
     * The acting user as stored now.
     *
     * @throws UnauthorizedException when there is no actor, or the account is gone or deactivated
     */
    public User me(User actor) {
        AccessPolicy.requireUser(actor);
        return users.findById(actor.id()).filter(User::active)
                .orElseThrow(() -> new UnauthorizedException("This account is no longer active."));
    }

    /**
     * Changes the acting user's own password after checking the current one, and signs out their
     * other sessions (all refresh tokens revoked).
     *
     * @throws ValidationException naming {@code password} when the new password is malformed
     * @throws UnauthorizedException when {@code currentPassword} is wrong
     */
    public void changePassword(User actor, String currentPassword, String newPassword) {
        AccessPolicy.requireUser(actor);
        String clean = AccountRules.password(newPassword);
        UserTable.Credentials credentials = users.findCredentialsById(actor.id())
                .filter(c -> c.user().active())
                .orElseThrow(() -> new UnauthorizedException("This account is no longer active."));
        if (!hasher.matches(currentPassword, credentials.passwordHash())) {
            throw new UnauthorizedException("The current password is incorrect.");
        }
        String hash = hasher.hash(clean);
        db.inTransaction(() -> {
            users.setPasswordHash(actor.id(), hash);
            refreshTokens.revokeAllOf(actor.id(), clock.instant());
        });
    }

    private TokenPair issuePair(User user, String tokenId) {
        IssuedToken refresh = tokens.issueRefreshToken(user, tokenId);
        refreshTokens.insert(tokenId, user.id(), Hashes.sha256Hex(refresh.token()), clock.instant(), refresh.expiresAt());
        IssuedToken access = tokens.issueAccessToken(user);
        return new TokenPair(user, access.token(), access.expiresAt(), refresh.token(), refresh.expiresAt());
    }
}
