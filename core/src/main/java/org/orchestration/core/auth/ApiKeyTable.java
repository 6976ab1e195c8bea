package org.orchestration.core.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orchestration.core.db.Database;

/** SQL for {@code api_keys}. */
final class ApiKeyTable {

    private static final String COLUMNS = "id, user_id, name, prefix, created_at, last_used_at, revoked_at";

    private final Database db;

    ApiKeyTable(Database db) {
        this.db = db;
    }

    void insert(ApiKeyInfo key, String keyHash) {
        db.update("INSERT INTO api_keys (id, user_id, name, prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                key.id(), key.userId(), key.name(), key.prefix(), keyHash, key.createdAt());
    }

    Optional<ApiKeyInfo> findById(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", ApiKeyTable::info, id);
    }

    /** A live (not revoked) key with this hash, if any. */
    Optional<ApiKeyInfo> findLiveByHash(String keyHash) {
        return db.queryOne("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                ApiKeyTable::info, keyHash);
    }

    List<ApiKeyInfo> listOf(String userId) {
        return db.query("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY created_at, id",
                ApiKeyTable::info, userId);
    }

    void revoke(String id, Instant now) {
        db.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id);
    }

    int revokeAllOf(String userId, Instant now) {
        return db.update("UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
    }

    void touchLastUsed(String id, Instant now) {
        db.update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", now, id);
    }

    private static ApiKeyInfo info(ResultSet rs) throws SQLException {
        return new ApiKeyInfo(rs.getString("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("prefix"),
                Instant.ofEpochMilli(rs.getLong("created_at")), UserTable.optionalInstant(rs, "last_used_at"),
                UserTable.optionalInstant(rs, "revoked_at"));
    }
}
