package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;

/** Test fixtures: a real, migrated SQLite file in a temp folder, and users inserted directly. */
public final class TestDb {

    private TestDb() {
    }

    /** Opens (and migrates) {@code dir/engine.db}. Close it in the test. */
    public static Database open(Path dir) {
        return Database.open(dir.resolve("engine.db"));
    }

    /**
     * Inserts an active user without going through AuthService (no bcrypt cost), for tests of
     * other services. The password hash is a placeholder that matches no password.
     */
    public static User insertUser(Database db, Role role) {
        String id = UUID.randomUUID().toString();
        String email = role.dbValue() + "-" + id.substring(0, 8) + "@example.com";
        db.update("INSERT INTO users (id, email, display_name, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                id, email, email, "!", role.dbValue(), Clock.systemUTC().millis());
        return new User(id, email, email, role, true);
    }
}
