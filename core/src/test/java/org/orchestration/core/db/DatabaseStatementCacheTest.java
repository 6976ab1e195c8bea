package org.orchestration.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.testing.TestDb;

/** Reused prepared statements must behave exactly like fresh ones. */
class DatabaseStatementCacheTest {

    private static final String COUNT = "SELECT count(*) FROM settings";

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

    private void put(String key) {
        db.update("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 0)", key);
    }

    @Test
    void aRepeatedQuerySeesRowsCommittedAfterItsPreviousRun() {
        // with a single reader the same cached statement runs every time: it must not pin a snapshot
        try (Database one = Database.open(dir.resolve("one.db"), Database.DEFAULT_BUSY_TIMEOUT, 1)) {
            for (int i = 0; i < 5; i++) {
                assertThat(one.queryLong(COUNT)).isEqualTo(i);
                one.update("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 0)", "k" + i);
            }
            assertThat(one.queryLong(COUNT)).isEqualTo(5);
        }
    }

    @Test
    void aStatementThatFailedCanBeRunAgain() {
        put("a");
        assertThatThrownBy(() -> put("a")).isInstanceOf(StorageException.class);
        assertThat(Database.isConstraintViolation(catchStorage(() -> put("a")))).isTrue();

        put("b");

        assertThat(db.queryLong(COUNT)).isEqualTo(2);
    }

    @Test
    void aQueryInsideATransactionSeesItsOwnRowsAndARolledBackRowIsGoneAfterwards() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            put("x");
            assertThat(db.queryLong(COUNT)).isEqualTo(1);
            throw new IllegalStateException("undo");
        })).hasMessage("undo");

        assertThat(db.queryLong(COUNT)).isZero();
    }

    @Test
    void writeQueryReturnsTheInsertedRowOnlyWhenTheInsertHappened() {
        String sql = "INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 0) ON CONFLICT (key) DO NOTHING RETURNING key";

        List<String> first = db.writeQuery(sql, rs -> rs.getString(1), "k");
        List<String> replay = db.writeQuery(sql, rs -> rs.getString(1), "k");

        assertThat(first).containsExactly("k");
        assertThat(replay).isEmpty();
        assertThat(db.queryLong(COUNT)).isEqualTo(1);
    }

    @Test
    void manyDistinctStatementsStayCorrectBeyondTheCacheSize() {
        for (int i = 0; i < Database.STATEMENT_CACHE_SIZE + 20; i++) {
            db.update("INSERT INTO settings (key, value, updated_at) VALUES (?, '" + i + "', 0)", "k" + i);
        }
        for (int i = 0; i < Database.STATEMENT_CACHE_SIZE + 20; i += 7) {
            assertThat(db.queryLong("SELECT count(*) FROM settings WHERE value = '" + i + "' AND key = ?", "k" + i)).isEqualTo(1);
        }
    }

    @Test
    void closingTheDatabaseClosesItsCachedStatementsAndFurtherUseIsRefused() {
        put("a");
        db.queryLong(COUNT);
        db.close();

        assertThatThrownBy(() -> db.queryLong(COUNT)).isInstanceOf(StorageException.class).hasMessageContaining("closed");
    }

    private static Throwable catchStorage(Runnable r) {
        try {
            r.run();
            return null;
        } catch (StorageException e) {
            return e;
        }
    }
}
