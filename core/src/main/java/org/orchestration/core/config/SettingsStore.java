package org.orchestration.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.json.Json;

/**
 * Runtime-editable settings in the {@code settings} table, values stored as JSON. Read at the
 * point of use; cached in memory and invalidated on write (this process is the only writer), so
 * hot paths such as dispatch do not hit the database. Authorization (admin-only keys) is the
 * caller's job: this is storage.
 */
public final class SettingsStore {

    private final Database db;
    private final Clock clock;
    private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

    public SettingsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The raw JSON stored under {@code key}, if any. */
    public Optional<String> raw(String key) {
        if (db.inTransactionOnThisThread()) {
            return readRaw(key); // may see this transaction's own uncommitted write
        }
        return cache.computeIfAbsent(key, this::readRaw);
    }

    private Optional<String> readRaw(String key) {
        return db.queryOne("SELECT value FROM settings WHERE key = ?", rs -> rs.getString(1), key);
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        return raw(key).map(json -> parse(key, json, Json.mapper().getTypeFactory().constructType(type)));
    }

    public <T> Optional<T> get(String key, TypeReference<T> type) {
        return raw(key).map(json -> parse(key, json, Json.mapper().getTypeFactory().constructType(type)));
    }

    public <T> T get(String key, Class<T> type, T dflt) {
        return get(key, type).orElse(dflt);
    }

    /** Stores {@code value} (as JSON) under {@code key}; joins the caller's transaction if any. */
    public void put(String key, Object value) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Setting " + key + " cannot be written as JSON", e);
        }
        db.update("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                key, json, clock.millis());
        invalidate(key);
    }

    /** Drops the cached value now and again after the caller's transaction commits. */
    private void invalidate(String key) {
        cache.remove(key);
        db.afterCommit(() -> cache.remove(key));
    }

    /** Stores {@code value} only when the key has no value yet (first-run defaults). */
    public void putIfAbsent(String key, Object value) {
        if (raw(key).isEmpty()) {
            put(key, value);
        }
    }

    public void remove(String key) {
        db.update("DELETE FROM settings WHERE key = ?", key);
        invalidate(key);
    }

    private static <T> T parse(String key, String json, JavaType type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("Setting " + key + " holds a value of the wrong shape: " + e.getOriginalMessage());
        }
    }
}
