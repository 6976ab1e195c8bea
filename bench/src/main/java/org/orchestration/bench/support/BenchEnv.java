package org.orchestration.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.db.Database;

/**
 * The engine as the app configures it, for scenarios: the real {@link ConfigLoader} defaults (no
 * config file) with a bench secret and data dir, a real migrated SQLite file, and users inserted
 * directly (bcrypt is not what a benchmark measures).
 */
public final class BenchEnv {

    /** 48 characters, only ever used for tokens signed and checked inside one bench run. */
    public static final String SECRET = "bench-secret-bench-secret-bench-secret-bench-sec";

    private BenchEnv() {
    }

    /** Defaults from {@link ConfigLoader} with {@code dataDir} and the given extra environment (e.g. ANTHROPIC_BASE_URL). */
    public static AppConfig config(Path dataDir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("OE_AUTH_SECRET", SECRET);
        return new ConfigLoader(all).load(dataDir.resolve("no-config.json"), Optional.of(dataDir));
    }

    /** Creates the data folder and opens (migrates) the database in it. */
    public static Database open(AppConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        return Database.open(config.databaseFile());
    }

    /** An active user inserted without bcrypt (its password matches nothing). */
    public static User insertUser(Database db, Role role) {
        String id = UUID.randomUUID().toString();
        String email = role.dbValue() + "-" + id.substring(0, 8) + "@bench.invalid";
        db.update("INSERT INTO users (id, email, display_name, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                id, email, email, "!", role.dbValue(), Clock.systemUTC().millis());
        return new User(id, email, email, role, true);
    }
}
