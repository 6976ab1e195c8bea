package org.orchestration.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.LoginRateLimiter;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.TokenPair;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;

/**
 * The whole auth stack wired on a test database, with bcrypt at the lowest cost so tests stay
 * fast: users with a known password, access/SSE tokens, API keys. For service and API tests
 * that need real credentials. One instance per test (no static state).
 *
 * <pre>{@code
 * AuthFixtures auth = new AuthFixtures(db);
 * User alice = auth.user(Role.USER);
 * String bearer = auth.accessToken(alice);
 * }</pre>
 */
public final class AuthFixtures {

    /** A 40-character signing secret (config requires at least 32). */
    public static final String SECRET = "test-signing-secret-0123456789abcdefghij";
    /** bcrypt's minimum cost: about a millisecond per hash. Never use outside tests. */
    public static final int TEST_COST = 4;
    /** The password of every user made by {@link #user}. */
    public static final String PASSWORD = "correct horse battery";

    private final Database db;
    private final Clock clock;
    private final AppConfig.Auth config;
    private final SettingsStore settings;
    private final PasswordHasher hasher;
    private final LoginRateLimiter rateLimiter;
    private final TokenService tokens;
    private final AuthService authService;
    private final ApiKeyService apiKeys;
    private final UserAdminService userAdmin;
    private final Authenticator authenticator;

    public AuthFixtures(Database db) {
        this(db, Clock.systemUTC());
    }

    public AuthFixtures(Database db, Clock clock) {
        this(db, clock, config(AppConfig.AuthMode.MULTI, true), new PasswordHasher(TEST_COST), LoginRateLimiter.Limits.defaults());
    }

    public AuthFixtures(Database db, Clock clock, AppConfig.Auth config, PasswordHasher hasher, LoginRateLimiter.Limits limits) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.settings = new SettingsStore(db, clock);
        this.hasher = hasher;
        this.rateLimiter = new LoginRateLimiter(limits, clock);
        this.tokens = new TokenService(db, config, clock);
        this.authService = new AuthService(db, settings, hasher, tokens, rateLimiter, config, clock);
        this.apiKeys = new ApiKeyService(db, clock);
        this.userAdmin = new UserAdminService(db, settings, hasher, config, clock);
        this.authenticator = new Authenticator(tokens, apiKeys);
    }

    /** Auth config as config.json's defaults would give it: 15 min access, 30 days refresh, 60 s SSE. */
    public static AppConfig.Auth config(AppConfig.AuthMode mode, boolean registrationOpen) {
        return new AppConfig.Auth(mode, SECRET, Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(60),
                registrationOpen);
    }

    /** Limits so generous that no test trips them unless it means to. */
    public static LoginRateLimiter.Limits unlimited() {
        LoginRateLimiter.Rate plenty = new LoginRateLimiter.Rate(1_000_000, Duration.ofSeconds(1));
        return new LoginRateLimiter.Limits(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                plenty, plenty, 10_000);
    }

    /** An active user with {@link #PASSWORD}, inserted directly (any role; bypasses registration rules). */
    public User user(Role role) {
        String id = UUID.randomUUID().toString();
        return user(role, role.dbValue() + "-" + id.substring(0, 8) + "@example.com");
    }

    /** As {@link #user(Role)} with a chosen email (lower-case, valid). */
    public User user(Role role, String email) {
        String id = UUID.randomUUID().toString();
        db.update("INSERT INTO users (id, email, display_name, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                id, email, "Test " + email, hasher.hash(PASSWORD), role.dbValue(), clock.millis());
        return new User(id, email, "Test " + email, role, true);
    }

    /** Signs {@code user} in with {@link #PASSWORD} through {@link AuthService#login}. */
    public TokenPair login(User user) {
        return authService.login(user.email(), PASSWORD);
    }

    public String accessToken(User user) {
        return tokens.issueAccessToken(user).token();
    }

    /** An SSE token for {@code projectId}, issued as if {@code user} owned it. */
    public String sseToken(User user, String projectId) {
        return tokens.issueSseToken(user, projectId, user.id()).token();
    }

    /** A fresh personal API key's plaintext for {@code user}. */
    public String apiKey(User user) {
        return apiKeys.create(user, "fixture key").plaintext();
    }

    public Database db() {
        return db;
    }

    public Clock clock() {
        return clock;
    }

    public AppConfig.Auth config() {
        return config;
    }

    public SettingsStore settings() {
        return settings;
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public LoginRateLimiter rateLimiter() {
        return rateLimiter;
    }

    public TokenService tokens() {
        return tokens;
    }

    public AuthService authService() {
        return authService;
    }

    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    public UserAdminService userAdmin() {
        return userAdmin;
    }

    public Authenticator authenticator() {
        return authenticator;
    }
}
