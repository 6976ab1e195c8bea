package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.CrashEngineMain;
import org.orchestration.core.testing.EngineProcess;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * One 200-task run (a random DAG, half the tasks using a tool) in a child JVM
 * ({@link CrashEngineMain}: recover, start READY/RUNNING projects, run) killed with SIGKILL
 * ({@code destroyForcibly}) at random points. After every kill the file is checked while the
 * engine is down — integrity, foreign keys, no repeated usage key, usage rows only for started
 * attempts, each task's cost total = its usage rows, budget spend = usage rows —
 * and after the last restart every task is terminal (COMPLETED) and the same holds.
 */
class CrashKillTest {

    private static final int TASKS = 200;
    /**
     * Each provider call takes this long in the child, so the run (about 300 calls on 4 slots,
     * some 4.5 s) spans most of the kills instead of finishing within the first few.
     */
    private static final int CALL_LATENCY_MS = 60;

    @TempDir
    Path dir;

    @Test
    void aTwoHundredTaskRunKilledAFewTimesEndsConsistent() throws Exception {
        run(5);
    }

    @Tag("long")
    @Test
    void aTwoHundredTaskRunKilledFiftyTimesEndsConsistent() throws Exception {
        run(50);
    }

    private void run(int kills) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Database db = TestDb.open(dir)) {
            User owner = TestDb.insertUser(db, Role.USER);
            TaskGraphFixture g = new TaskGraphFixture(db, owner);
            List<String> ids = new ArrayList<>();
            for (int t = 0; t < TASKS; t++) {
                TaskGraphFixture.TaskSpec spec = g.task("T" + t).priority(random.nextInt(101));
                for (int d = 0; d < 2 && !ids.isEmpty(); d++) {
                    if (random.nextInt(3) == 0) {
                        spec.deps(ids.get(Math.max(0, ids.size() - 1 - random.nextInt(Math.min(ids.size(), 20)))));
                    }
                }
                if (random.nextBoolean()) {
                    spec.tools("echo");
                }
                ids.add(spec.add());
            }
        }
        int killsMidRun = 0;
        long previousCompleted = -1;
        int stalls = 0;
        for (int i = 0; i < kills; i++) {
            EngineProcess child = EngineProcess.start(CrashEngineMain.class, dir, String.valueOf(CALL_LATENCY_MS));
            assertThat(child.started.await(60, TimeUnit.SECONDS)).as("child started (seed %d); output:%n%s", seed, child.output()).isTrue();
            child.process.waitFor(random.nextInt(kills > 10 ? 250 : 600), TimeUnit.MILLISECONDS);
            boolean finishedFirst = !child.process.isAlive();
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Database db = TestDb.open(dir)) {
                killsMidRun += !finishedFirst && db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'") > 0 ? 1 : 0;
                checkFile(db, seed, "after kill " + (i + 1));
                long completed = db.queryLong("SELECT count(*) FROM tasks WHERE status = 'COMPLETED'");
                stalls += completed == previousCompleted ? 1 : 0;
                previousCompleted = completed;
            }
        }
        System.out.printf("crash: %d kills, %d interrupted running tasks, %d kills without progress (seed %d)%n",
                kills, killsMidRun, stalls, seed);

        EngineProcess last = EngineProcess.start(CrashEngineMain.class, dir, String.valueOf(CALL_LATENCY_MS));
        assertThat(last.process.waitFor(180, TimeUnit.SECONDS)).as("final run finished (seed %d)", seed).isTrue();
        assertThat(last.process.exitValue()).as("final run exit code; output:%n%s", last.output()).isZero();
        try (Database db = TestDb.open(dir)) {
            assertThat(db.query("SELECT status, count(*) FROM tasks GROUP BY status", rs -> rs.getString(1) + "=" + rs.getLong(2)))
                    .as("seed %d", seed).containsExactly("COMPLETED=" + TASKS);
            assertThat(db.query("SELECT status FROM projects", rs -> rs.getString(1))).containsExactly("COMPLETED");
            checkFile(db, seed, "at the end");
        }
    }

    /** What must hold whenever the engine is down, however it stopped. */
    private void checkFile(Database db, long seed, String when) {
        assertThat(db.queryOne("PRAGMA integrity_check", rs -> rs.getString(1))).as("%s (seed %d)", when, seed).contains("ok");
        assertThat(db.query("PRAGMA foreign_key_check", rs -> rs.getString(1))).as("%s (seed %d)", when, seed).isEmpty();
        assertThat(db.queryLong("SELECT count(*) - count(DISTINCT idempotency_key) FROM usage_log")).as(when).isZero();
        // every task usage row belongs to an attempt its task has actually started
        assertThat(db.queryLong("SELECT count(*) FROM usage_log u JOIN tasks t ON t.id = u.task_id WHERE "
                + "CAST(substr(u.idempotency_key, length('task:' || t.id || ':') + 1) AS INTEGER) NOT BETWEEN 1 AND t.attempts"))
                .as("%s: usage rows without their attempt (seed %d)", when, seed).isZero();
        // a usage row and the task's cost total are written in one transaction (found split before perf merged)
        assertThat(db.query("SELECT title FROM tasks t WHERE t.cost_micros <> "
                + "(SELECT COALESCE(SUM(u.cost_micros), 0) FROM usage_log u WHERE u.task_id = t.id)", rs -> rs.getString(1)))
                .as("%s: tasks whose cost total differs from their usage rows (seed %d)", when, seed).isEmpty();
        Clock clock = Clock.systemDefaultZone();
        try (ProgressBus bus = new ProgressBus(db, clock, 10)) {
            BudgetManager budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock, TestConfig.defaults(dir).budget());
            long monthRows = db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE created_at >= ?",
                    budget.snapshot().monthStart());
            assertThat(budget.snapshot().monthlySpentMicros()).as("%s: spend = usage rows (seed %d)", when, seed).isEqualTo(monthRows);
        }
    }
}
