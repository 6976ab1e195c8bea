package org.orchestration.core.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;

/**
 * Personal API keys: how remote clients authenticate in single-user mode (and a convenience
 * for scripts in multi-user mode). A key is {@value #KEY_PREFIX} plus 43 random URL-safe
 * characters (256 bits); it is shown once at creation, and the database keeps only its SHA-256
 * (a fast hash is enough for a random 256-bit secret) and its first {@value #DISPLAY_PREFIX_LENGTH}
 * characters for display.
 */
public final class ApiKeyService {

    /** Every key starts with this, which is how {@link Authenticator} tells keys from JWTs. */
    public static final String KEY_PREFIX = "oe_";
    static final int DISPLAY_PREFIX_LENGTH = 10;
    private static final int RANDOM_BYTES = 32;
    /** "Last used" is a display value: writing it at most once a minute spares a write per request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String INVALID_KEY = "This API key is not valid.";

    private final Database db;
    private final ApiKeyTable keys;
    private final UserTable users;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeyService(Database db, Clock clock) {
        this(db, clock, new SecureRandom());
    }

    public ApiKeyService(Database db, Clock clock, SecureRandom random) {
        this.db = db;
        this.keys = new ApiKeyTable(db);
        this.users = new UserTable(db);
        this.clock = clock;
        this.random = random;
    }

    /**
     * Creates a named key for the acting user and returns it with its plaintext, which is not
     * stored and cannot be shown again.
     *
     * @throws ValidationException naming {@code name} when the name is empty, too long or has control characters
     */
    public CreatedApiKey create(User actor, String name) {
        AccessPolicy.requireUser(actor);
        String cleanName = AccountRules.keyName(name);
        String plaintext = KEY_PREFIX + Hashes.randomUrlSafe(random, RANDOM_BYTES);
        ApiKeyInfo info = new ApiKeyInfo(UUID.randomUUID().toString(), actor.id(), cleanName,
                plaintext.substring(0, DISPLAY_PREFIX_LENGTH), clock.instant(), Optional.empty(),
                Optional.empty());
        keys.insert(info, Hashes.sha256Hex(plaintext));
        return new CreatedApiKey(info, plaintext);
    }

    /** The acting user's own keys, revoked ones included, oldest first. */
    public List<ApiKeyInfo> list(User actor) {
        AccessPolicy.requireUser(actor);
        return keys.listOf(actor.id());
    }

    /** The acting user's keys that still work (not revoked), oldest first: what Settings lists. */
    public List<ApiKeyInfo> listActive(User actor) {
        return list(actor).stream().filter(k -> !k.revoked()).toList();
    }

    /**
     * Revokes a key at once. Revoking an already revoked key does nothing.
     *
     * @throws NotFoundException when no key has this id
     * @throws org.orchestration.core.errors.ForbiddenException when the actor neither owns the key nor is an admin
     */
    public void revoke(User actor, String keyId) {
        AccessPolicy.requireUser(actor);
        ApiKeyInfo key = keys.findById(keyId).orElseThrow(() -> new NotFoundException("No API key with this id."));
        AccessPolicy.requireOwnerOrAdmin(actor, key.userId(), "API key");
        keys.revoke(key.id(), clock.instant());
    }

    /**
     * The user a presented key belongs to; records when it was used.
     *
     * @throws UnauthorizedException when the key is malformed, unknown or revoked, or its user is deactivated
     */
    public User authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.strip().startsWith(KEY_PREFIX)) {
            throw new UnauthorizedException(INVALID_KEY);
        }
        ApiKeyInfo key = keys.findLiveByHash(Hashes.sha256Hex(presentedKey.strip()))
                .orElseThrow(() -> new UnauthorizedException(INVALID_KEY));
        User user = users.findById(key.userId()).filter(User::active)
                .orElseThrow(() -> new UnauthorizedException(INVALID_KEY));
        Instant now = clock.instant();
        boolean stale = key.lastUsedAt().map(last -> !last.plus(LAST_USED_RESOLUTION).isAfter(now)).orElse(true);
        if (stale) {
            keys.touchLastUsed(key.id(), now);
        }
        return user;
    }
}
