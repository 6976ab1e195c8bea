package org.orchestration.core.auth;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.AdjustableClock;
import org.orchestration.core.testing.AuthFixtures;
import org.orchestration.core.testing.TestDb;

/** A fresh migrated database, a hand-moved clock and the wired auth stack for each test. */
abstract class AuthTestBase {

    @TempDir
    Path dir;
    Database db;
    final AdjustableClock clock = new AdjustableClock();
    AuthFixtures auth;

    @BeforeEach
    void openDatabase() {
        db = TestDb.open(dir);
        auth = fixtures(db);
    }

    /** Overridden by tests that need another mode, cost or rate limit. */
    AuthFixtures fixtures(Database database) {
        return new AuthFixtures(database, clock);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
