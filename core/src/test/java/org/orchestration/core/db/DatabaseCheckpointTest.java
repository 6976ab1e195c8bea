package org.orchestration.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.testing.TestDb;

/** WAL checkpoints run on their own thread and connection, not inside some task's COMMIT. */
class DatabaseCheckpointTest {

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void writeRows(int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            db.inTransaction(() -> db.update("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)", "k" + k + "-" + System.nanoTime(),
                    "x".repeat(500)));
        }
    }

    @Test
    void theWriterNoLongerCheckpointsAtTheDefaultThousandPages() {
        long pages = db.withWriteConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                rs.next();
                return rs.getLong(1);
            }
        });

        assertThat(pages).isEqualTo(WalCheckpointer.WRITER_AUTOCHECKPOINT_PAGES);
    }

    @Test
    void committedWorkIsCheckpointedInTheBackgroundAndAnIdleDatabaseIsLeftAlone() throws Exception {
        long before = db.checkpointCount();

        writeRows(300);

        await().atMost(Duration.ofSeconds(10)).until(() -> db.checkpointCount() > before);
        long settled = db.checkpointCount();
        await().during(Duration.ofMillis(3 * WalCheckpointer.PERIOD.toMillis())).atMost(Duration.ofSeconds(10))
                .until(() -> db.checkpointCount() <= settled + 1);
        // the rows are in the main file: a copy of it alone (without the -wal file) has them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Path copy = dir.resolve("copy-" + System.nanoTime());
            Files.createDirectories(copy);
            Files.copy(db.file(), copy.resolve("engine.db"));
            Database alone = Database.open(copy.resolve("engine.db"));
            try {
                assertThat(alone.queryLong("SELECT count(*) FROM settings WHERE key LIKE 'k%'")).isEqualTo(300);
            } finally {
                alone.close();
            }
        });
    }
}
