package org.orchestration.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.testing.TestDb;

class DatabaseGroupTransactionTest {

    @TempDir
    Path dir;
    Database db;
    final List<Thread> threads = new ArrayList<>();

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

    private boolean exists(String key) {
        return db.queryLong("SELECT count(*) FROM settings WHERE key = ?", key) == 1;
    }

    /** Starts {@code work} on its own thread, which will wait for the write lock. */
    private <T> Future<T> startWaiting(Callable<T> work) {
        FutureTask<T> f = new FutureTask<>(work);
        Thread t = new Thread(f);
        threads.add(t);
        t.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING);
        return f;
    }

    /** Holds the write lock in a transaction until the returned latch is counted down. */
    private CountDownLatch holdWriteLock() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread t = new Thread(() -> db.inTransaction(() -> {
            holding.countDown();
            release.await(30, TimeUnit.SECONDS);
        }));
        t.start();
        try {
            holding.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return release;
    }

    @Test
    void worksQueuedWhileTheWriterIsBusyAreCommittedTogetherAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch release = holdWriteLock();
        List<Future<String>> results = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            results.add(startWaiting(() -> db.inGroupTransaction(() -> {
                put(key);
                return "done " + key;
            })));
        }
        long commitsBefore = db.commitCount();

        release.countDown();

        assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("done a");
        assertThat(results.get(1).get(10, TimeUnit.SECONDS)).isEqualTo("done b");
        assertThat(results.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("done c");
        // the holder's commit plus one commit for the three queued works
        assertThat(db.commitCount() - commitsBefore).isEqualTo(2);
        assertThat(exists("a") && exists("b") && exists("c")).isTrue();
    }

    @Test
    void aFailingWorkInAGroupRollsBackOnlyItselfAndLosesOnlyItsAfterCommitActions() throws Exception {
        List<String> afterCommit = new CopyOnWriteArrayList<>();
        CountDownLatch release = holdWriteLock();
        Future<Object> good1 = startWaiting(() -> db.inGroupTransaction(() -> {
            put("good1");
            db.afterCommit(() -> afterCommit.add("good1"));
            return null;
        }));
        Future<Object> bad = startWaiting(() -> db.inGroupTransaction(() -> {
            put("bad");
            db.afterCommit(() -> afterCommit.add("bad"));
            throw new IllegalStateException("boom");
        }));
        Future<Object> good2 = startWaiting(() -> db.inGroupTransaction(() -> {
            put("good2");
            db.afterCommit(() -> afterCommit.add("good2"));
            return null;
        }));

        release.countDown();

        good1.get(10, TimeUnit.SECONDS);
        good2.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom");
        assertThat(exists("good1")).isTrue();
        assertThat(exists("good2")).isTrue();
        assertThat(exists("bad")).isFalse();
        assertThat(afterCommit).containsExactlyInAnyOrder("good1", "good2");
    }

    @Test
    void aNestedFailureSwallowedByAGroupedWorkStillRollsThatWorkBack() throws Exception {
        CountDownLatch release = holdWriteLock();
        Future<Object> swallowing = startWaiting(() -> db.inGroupTransaction(() -> {
            put("outer");
            try {
                db.inTransaction(() -> {
                    throw new IllegalStateException("inner");
                });
            } catch (IllegalStateException ignored) {
                // swallowed: the work must still not be saved
            }
            return null;
        }));
        Future<Object> other = startWaiting(() -> db.inGroupTransaction(() -> {
            put("other");
            return null;
        }));

        release.countDown();

        assertThatThrownBy(() -> swallowing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageException.class);
        other.get(10, TimeUnit.SECONDS);
        assertThat(exists("outer")).isFalse();
        assertThat(exists("other")).isTrue();
    }

    @Test
    void aLoneGroupTransactionBehavesLikeAPlainOne() {
        String r = db.inGroupTransaction(() -> {
            put("x");
            return "ok";
        });
        assertThatThrownBy(() -> db.inGroupTransaction(() -> {
            put("y");
            throw new IllegalArgumentException("no");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("no");

        assertThat(r).isEqualTo("ok");
        assertThat(exists("x")).isTrue();
        assertThat(exists("y")).isFalse();
    }

    @Test
    void aGroupTransactionInsideATransactionJoinsIt() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            db.inGroupTransaction(() -> {
                put("joined");
                return null;
            });
            throw new IllegalStateException("outer fails");
        })).hasMessage("outer fails");

        assertThat(exists("joined")).isFalse();
    }

    @Test
    void aSubmittedWorkWithTheWriterFreeIsCommittedBeforeSubmitReturns() {
        CompletableFuture<String> f = db.submitGroupTransaction(() -> {
            put("now");
            return "committed";
        });

        assertThat(f).isCompletedWithValue("committed");
        assertThat(exists("now")).isTrue();
    }

    @Test
    void submittedWorksDoNotWaitForABusyWriterAndAreCommittedInSubmissionOrderOnceItIsFree() throws Exception {
        db.update("CREATE TABLE seen (n INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT)");
        CountDownLatch release = holdWriteLock();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (String key : List.of("first", "second", "third")) {
            // returns at once although the writer is busy
            futures.add(db.submitGroupTransaction(() -> {
                db.update("INSERT INTO seen (key) VALUES (?)", key);
                return key;
            }));
        }
        assertThat(futures).allMatch(f -> !f.isDone());

        release.countDown();

        for (CompletableFuture<String> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(db.query("SELECT key FROM seen ORDER BY n", rs -> rs.getString(1))).containsExactly("first", "second", "third");
    }

    @Test
    void aFailingSubmittedWorkFailsOnlyItsOwnFutureWithTheOriginalException() throws Exception {
        CountDownLatch release = holdWriteLock();
        CompletableFuture<Object> bad = db.submitGroupTransaction(() -> {
            put("bad");
            throw new IllegalStateException("boom");
        });
        CompletableFuture<Object> good = db.submitGroupTransaction(() -> {
            put("good");
            return null;
        });

        release.countDown();

        good.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom");
        assertThat(exists("good")).isTrue();
        assertThat(exists("bad")).isFalse();
    }

    @Test
    void theFutureCompletesOnlyAfterTheCommitAndOutsideTheWriteLock() throws Exception {
        CountDownLatch release = holdWriteLock();
        CompletableFuture<Boolean> seenFromCallback = new CompletableFuture<>();
        db.submitGroupTransaction(() -> {
            put("visible");
            return null;
        }).whenComplete((v, e) -> {
            // a reader sees the committed row, and a plain transaction can be opened from the callback
            boolean visible = exists("visible");
            db.inTransaction(() -> put("from-callback"));
            seenFromCallback.complete(visible);
        });

        release.countDown();

        assertThat(seenFromCallback.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(exists("from-callback")).isTrue();
    }

    @Test
    void closingTheDatabaseCommitsWorksStillWaitingForTheCommitter() throws Exception {
        Path file = db.file();
        CountDownLatch release = holdWriteLock();
        CompletableFuture<Object> pending = db.submitGroupTransaction(() -> {
            put("kept");
            return null;
        });
        Thread closer = new Thread(db::close);
        closer.start();

        release.countDown();
        closer.join(10_000);

        pending.get(10, TimeUnit.SECONDS);
        db = Database.open(file);
        assertThat(exists("kept")).isTrue();
    }
}
