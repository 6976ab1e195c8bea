package org.orchestration.core.auth;

import java.security.SecureRandom;
import java.util.Base64;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt password hashing (jBCrypt).
 *
 * <p>The password is first reduced to the Base64 of its SHA-256 digest (44 ASCII characters)
 * and that is what bcrypt hashes: bcrypt silently ignores everything after 72 bytes and stops at
 * a NUL byte, and a 128-character password of multi-byte characters would otherwise lose its
 * tail. Pre-hashing keeps every character significant.
 *
 * <p>{@link #verifyAgainstDummy} runs one full bcrypt check against a hash computed once in
 * the constructor at the same cost, so a login for an unknown email takes as long as one with
 * a wrong password.
 */
public final class PasswordHasher {

    /** The work factor used in production; tests may pass a lower one to the constructor. */
    public static final int PRODUCTION_COST = 12;
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;

    private final int cost;
    private final SecureRandom random;
    private final String dummyHash;

    public PasswordHasher(int cost) {
        this(cost, new SecureRandom());
    }

    public PasswordHasher(int cost, SecureRandom random) {
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between " + MIN_COST + " and " + MAX_COST);
        }
        this.cost = cost;
        this.random = random;
        byte[] unguessable = new byte[32];
        random.nextBytes(unguessable);
        this.dummyHash = hash(Base64.getEncoder().encodeToString(unguessable));
    }

    /** The production hasher ({@link #PRODUCTION_COST}). */
    public static PasswordHasher production() {
        return new PasswordHasher(PRODUCTION_COST);
    }

    public int cost() {
        return cost;
    }

    /** A new salted bcrypt hash of {@code password}. Slow on purpose: never call it on the UI thread. */
    public String hash(String password) {
        return BCrypt.hashpw(preHash(password), BCrypt.gensalt(cost, random));
    }

    /**
     * True when {@code password} matches {@code storedHash}. A stored value that is not a bcrypt
     * hash (an account with an unusable password) never matches, but still costs one bcrypt
     * check so that it cannot be told apart by timing.
     */
    public boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || !isBcrypt(storedHash)) {
            verifyAgainstDummy(password == null ? "" : password);
            return false;
        }
        try {
            return BCrypt.checkpw(preHash(password), storedHash);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Spends the same time as {@link #matches} for a user that does not exist. Always false. */
    public boolean verifyAgainstDummy(String password) {
        BCrypt.checkpw(preHash(password == null ? "" : password), dummyHash);
        return false;
    }

    /** True when {@code storedHash} was made with a lower cost than this hasher's (rehash on login). */
    public boolean needsRehash(String storedHash) {
        if (!isBcrypt(storedHash)) {
            return false;
        }
        try {
            return Integer.parseInt(storedHash.substring(4, 6)) < cost;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A value for {@code users.password_hash} that no password matches (single-user owner). */
    public String unusableHash() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isBcrypt(String hash) {
        return hash.length() == 60 && hash.startsWith("$2");
    }

    private static String preHash(String password) {
        return Base64.getEncoder().encodeToString(Hashes.sha256(password));
    }
}
