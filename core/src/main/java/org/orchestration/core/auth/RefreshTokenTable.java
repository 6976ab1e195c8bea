package org.orchestration.core.auth;

import java.time.Instant;
import java.util.Optional;
import org.orchestration.core.db.Database;

/** SQL for {@code refresh_tokens}: only SHA-256 hashes of the tokens are stored. */
final class RefreshTokenTable {

    record Row(String id, String userId, Instant expiresAt, Optional<Instant> revokedAt, Optional<String> replacedBy) {
    }

    private final Database db;

    RefreshTokenTable(Database db) {
        this.db = db;
    }

    void insert(String id, String userId, String tokenHash, Instant now, Instant expiresAt) {
        db.update("INSERT INTO refresh_tokens (id, user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                id, userId, tokenHash, now, expiresAt);
    }

    Optional<Row> findByHash(String tokenHash) {
        return db.queryOne("SELECT id, user_id, expires_at, revoked_at, replaced_by FROM refresh_tokens WHERE token_hash = ?",
                rs -> new Row(rs.getString("id"), rs.getString("user_id"), Instant.ofEpochMilli(rs.getLong("expires_at")),
                        UserTable.optionalInstant(rs, "revoked_at"), Optional.ofNullable(rs.getString("replaced_by"))),
                tokenHash);
    }

    /** Revokes one token if still live; returns true when it was live. */
    boolean revoke(String id, Instant now, String replacedBy) {
        return db.update("UPDATE refresh_tokens SET revoked_at = ?, replaced_by = ? WHERE id = ? AND revoked_at IS NULL",
                now, replacedBy, id) == 1;
    }

    /** Revokes every live token of a user (deactivation, password reset, detected reuse). */
    int revokeAllOf(String userId, Instant now) {
        return db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
    }

    /**
     * When a session of the user last ended by revocation rather than rotation (sign-out, sign-out
     * everywhere, password change or reset, deactivation, detected reuse), if ever.
     */
    Optional<Instant> lastRevocationOf(String userId) {
        return db.queryOne("SELECT max(revoked_at) AS revoked_at FROM refresh_tokens WHERE user_id = ? AND replaced_by IS NULL",
                rs -> UserTable.optionalInstant(rs, "revoked_at"), userId).flatMap(o -> o);
    }

    /** Drops rows that expired before {@code cutoff}; they can never be used again. */
    int deleteExpiredBefore(Instant cutoff) {
        return db.update("DELETE FROM refresh_tokens WHERE expires_at < ?", cutoff);
    }
}
