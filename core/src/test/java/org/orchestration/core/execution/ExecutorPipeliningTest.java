package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;

/**
 * The executor does not wait for the database between provider calls when other work is ready:
 * a finished task's completion is committed by the group committer while its worker already
 * runs the next task, and a task's RUNNING mark is committed while its provider call is under
 * way. These tests hold the database's write lock to make both happen deterministically.
 */
class ExecutorPipeliningTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    EngineFixture e;
    User owner;
    private CountDownLatch releaseWriter;
    private Thread writer;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (releaseWriter != null) {
            releaseWriter.countDown();
            writer.join(10_000);
        }
        if (e != null) {
            e.close();
        }
    }

    /** Holds the write lock in a transaction that first runs {@code inside} once released. */
    private void holdWriter(Runnable[] inside) throws InterruptedException {
        releaseWriter = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        writer = new Thread(() -> e.db.inTransaction(() -> {
            holding.countDown();
            releaseWriter.await(30, TimeUnit.SECONDS);
            if (inside[0] != null) {
                inside[0].run();
            }
        }));
        writer.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aWorkerRunsTheNextTaskWhileTheFinishedOneWaitsForItsCommitAndTheCommitStillPromotesDependents() throws Exception {
        e = EngineFixture.open(dir, TestConfig.execution(1, 2, 3, 10, true, Duration.ofMillis(300)), 100.0);
        owner = e.user(Role.USER);
        e.provider.hold("A");
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").priority(90).add();
        String b = g.task("B").priority(50).add();
        String c = g.task("C").priority(10).deps(a).add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.started().contains("A"));
        Runnable[] inside = {null};
        holdWriter(inside);

        e.provider.release("A");

        // with one slot and the writer busy, B's call starts before A's completion is committed
        await().atMost(WAIT).until(() -> e.provider.started().contains("B"));
        assertThat(e.taskStatus(a)).isEqualTo("RUNNING");
        releaseWriter.countDown();
        await().atMost(WAIT).until(() -> e.projectStatus(g.projectId()).equals("COMPLETED"));
        assertThat(e.provider.started()).containsExactly("A", "B", "C");
        assertThat(e.taskStatus(c)).isEqualTo("COMPLETED");
        assertThat(e.db.queryLong("SELECT count(*) FROM usage_log WHERE task_id IN (?, ?, ?)", a, b, c)).isEqualTo(3);
        assertThat(e.executor.runningCount()).isZero();
    }

    @Test
    void aTaskCancelledBeforeItsRunningMarkIsCommittedStaysCancelledAndItsPaidCallStillCounts() throws Exception {
        e = EngineFixture.open(dir, TestConfig.execution(1, 2, 3, 10, true, Duration.ofMillis(300)), 100.0);
        owner = e.user(Role.USER);
        e.provider.hold("A");
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        g.task("A").priority(90).add();
        String b = g.task("B").priority(50).add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.started().contains("A"));
        Runnable[] inside = {null};
        holdWriter(inside);
        e.provider.release("A");
        await().atMost(WAIT).until(() -> e.provider.started().contains("B"));
        // B's RUNNING mark is still queued behind the busy writer; the writer cancels B first
        inside[0] = () -> e.db.update("UPDATE tasks SET status = 'CANCELLED' WHERE id = ?", b);

        releaseWriter.countDown();

        await().atMost(WAIT).until(() -> e.executor.runningCount() == 0
                && e.db.queryLong("SELECT count(*) FROM usage_log WHERE task_id = ?", b) == 1);
        assertThat(e.taskStatus(b)).isEqualTo("CANCELLED");
        assertThat(e.taskColumn(b, "attempts")).as("the paid call is an attempt the task records").isEqualTo("1");
        assertThat(Long.parseLong(e.taskColumn(b, "input_tokens"))).isPositive();
        assertThat(e.db.queryLong("SELECT count(*) FROM events WHERE type = 'task.status' AND payload LIKE ? AND payload LIKE '%RUNNING%'",
                "%" + b + "%")).isZero();
    }
}
