package org.orchestration.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.testing.TestDb;

class DatabaseTransactionTest {

    @TempDir
    Path dir;
    Database db;
    ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        db.close();
    }

    private void put(String key, String value) {
        db.update("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)", key, value);
    }

    private long count() {
        return db.queryLong("SELECT count(*) FROM settings");
    }

    @Test
    void failureInTheMiddleOfATransactionLeavesNoTraceOfEarlierStatements() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            put("a", "1");
            put("b", "2");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(count()).isZero();
    }

    @Test
    void aFailingStatementRollsBackTheStatementsBeforeIt() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            put("a", "1");
            put("a", "duplicate key");
        })).isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(Database.isConstraintViolation(e)).isTrue());

        assertThat(count()).isZero();
    }

    @Test
    void successfulTransactionCommitsAndReturnsTheWorkResult() {
        String result = db.inTransaction(() -> {
            put("a", "1");
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void nestedCallOnTheSameThreadJoinsTheOuterTransaction() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            db.inTransaction(() -> put("inner", "1"));
            assertThat(db.queryLong("SELECT count(*) FROM settings WHERE key = 'inner'"))
                    .as("the outer transaction sees the inner write").isEqualTo(1);
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(count()).as("the inner write was part of the outer transaction").isZero();
    }

    @Test
    void nestedFailureRollsBackEvenWhenTheOuterWorkSwallowsIt() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            put("outer", "1");
            try {
                db.inTransaction(() -> {
                    put("inner", "1");
                    throw new IllegalStateException("inner fails");
                });
            } catch (IllegalStateException swallowed) {
                // the outer work carries on as if nothing happened
            }
        })).isInstanceOf(StorageException.class).hasMessageContaining("nothing was saved");

        assertThat(count()).isZero();
    }

    @Test
    void singleStatementOutsideATransactionAutocommits() throws Exception {
        put("a", "1");
        // A separate connection (another "process") sees it at once.
        try (Connection other = Database.connect(db.file(), Duration.ofSeconds(1), true);
             Statement s = other.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM settings")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void readsOutsideTheTransactionDoNotSeeUncommittedRows() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Future<?> writer = pool.submit(() -> db.inTransaction(() -> {
            put("a", "1");
            written.countDown();
            checked.await(10, TimeUnit.SECONDS);
        }));
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(count()).as("another thread's read uses a read connection").isZero();
        checked.countDown();
        writer.get(10, TimeUnit.SECONDS);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void writeFromAnotherThreadWaitsForTheTransactionInsteadOfJoiningIt() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> first = pool.submit(() -> db.inTransaction(() -> {
            put("first", "1");
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
            order.add("first commits");
            throw new IllegalStateException("first rolls back");
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> second = pool.submit(() -> {
            put("second", "1");
            order.add("second wrote");
        });
        // The second writer is blocked on the lock while the first transaction is open.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        release.countDown();
        second.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("first rolls back");

        assertThat(order).containsExactly("first commits", "second wrote");
        // The first rolled back; the second's autocommitted row survived: it never joined.
        assertThat(db.query("SELECT key FROM settings", rs -> rs.getString(1))).containsExactly("second");
    }

    @Test
    void writerOnAnotherConnectionWaitsForBeginImmediate() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> tx = pool.submit(() -> db.inTransaction(() -> {
            put("ours", "1");
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Long> otherProcess = pool.submit(() -> {
            try (Connection other = Database.connect(db.file(), Duration.ofSeconds(10), false);
                 Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO settings (key, value, updated_at) VALUES ('theirs', '1', 0)");
                long seen;
                try (var rs = s.executeQuery("SELECT count(*) FROM settings WHERE key = 'ours'")) {
                    rs.next();
                    seen = rs.getLong(1);
                }
                s.execute("COMMIT");
                return seen;
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !otherProcess.isDone());
        release.countDown();
        tx.get(10, TimeUnit.SECONDS);

        assertThat(otherProcess.get(10, TimeUnit.SECONDS))
                .as("the other connection started only after our commit, so it sees our row").isEqualTo(1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void afterCommitActionsRunOnlyWhenTheTransactionCommits() {
        List<String> ran = new CopyOnWriteArrayList<>();
        db.inTransaction(() -> {
            db.afterCommit(() -> ran.add("committed"));
            assertThat(ran).isEmpty();
        });
        assertThatThrownBy(() -> db.inTransaction(() -> {
            db.afterCommit(() -> ran.add("rolled back"));
            throw new IllegalStateException("x");
        }));
        db.afterCommit(() -> ran.add("no transaction"));

        assertThat(ran).containsExactly("committed", "no transaction");
    }

    @Test
    void closedDatabaseRefusesWork() {
        db.close();
        assertThatThrownBy(() -> put("a", "1")).isInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThat(db.isClosed()).isTrue();
    }
}
