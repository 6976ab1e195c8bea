package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.testing.EngineProcess;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * Kills the engine (a child JVM running {@link CrashEngineMain}) at random points, 20 times, each
 * time after adding a new project, then lets it finish: every task must end COMPLETED, spend must
 * equal the usage rows, no idempotency key may repeat, and the file must be intact.
 */
class CrashRecoveryTest {

    private static final int KILLS = 20;
    private static final int TASKS_PER_PROJECT = 12;

    @TempDir
    Path dir;

    @Test
    void afterTwentyRandomKillsEveryTaskCompletesAndSpendEqualsTheUsageRows() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        User owner;
        try (Database db = TestDb.open(dir)) {
            owner = TestDb.insertUser(db, Role.USER);
        }
        int killedMidTask = 0;
        for (int i = 0; i < KILLS; i++) {
            try (Database db = TestDb.open(dir)) {
                killedMidTask += db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'") > 0 ? 1 : 0;
                addRandomGraph(db, owner, random);
            }
            EngineProcess child = EngineProcess.start(CrashEngineMain.class, dir);
            if (random.nextInt(4) == 0) {
                child.process.waitFor(random.nextInt(1_500), TimeUnit.MILLISECONDS); // maybe still starting up
            } else {
                assertThat(child.started.await(60, TimeUnit.SECONDS)).as("child started (seed %d)", seed).isTrue();
                child.process.waitFor(random.nextInt(120), TimeUnit.MILLISECONDS);
            }
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (Database db = TestDb.open(dir)) {
            killedMidTask += db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'") > 0 ? 1 : 0;
        }
        assertThat(killedMidTask).as("kills that interrupted a running task (seed %d)", seed).isPositive();

        EngineProcess last = EngineProcess.start(CrashEngineMain.class, dir);
        assertThat(last.process.waitFor(120, TimeUnit.SECONDS)).as("final run finished (seed %d)", seed).isTrue();
        assertThat(last.process.exitValue()).as("final run exit code; output:%n%s", last.output()).isZero();

        try (Database db = TestDb.open(dir)) {
            assertThat(db.queryLong("SELECT count(*) FROM tasks")).isEqualTo((long) KILLS * TASKS_PER_PROJECT);
            assertThat(db.query("SELECT status, count(*) FROM tasks GROUP BY status", rs -> rs.getString(1) + "=" + rs.getLong(2)))
                    .as("seed %d", seed).containsExactly("COMPLETED=" + KILLS * TASKS_PER_PROJECT);
            assertThat(db.query("SELECT DISTINCT status FROM projects", rs -> rs.getString(1))).containsExactly("COMPLETED");
            assertThat(db.queryLong("SELECT count(*) - count(DISTINCT idempotency_key) FROM usage_log")).isZero();
            // the attempt that completed each task has its first call on record
            assertThat(db.queryLong("SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM usage_log u "
                    + "WHERE u.idempotency_key = 'task:' || t.id || ':' || t.attempts || ':1')")).isZero();
            Clock clock = Clock.systemDefaultZone();
            try (ProgressBus bus = new ProgressBus(db, clock, 10)) {
                BudgetManager budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock, TestConfig.defaults(dir).budget());
                long monthRows = db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE created_at >= ?",
                        budget.snapshot().monthStart());
                assertThat(budget.snapshot().monthlySpentMicros()).isEqualTo(monthRows).isPositive();
                assertThat(budget.reservedMicros()).isZero();
            }
            assertThat(db.queryOne("PRAGMA integrity_check", rs -> rs.getString(1))).contains("ok");
        }
    }

    /** A random DAG: each task depends on up to two earlier ones; half of them may use a tool. */
    private static void addRandomGraph(Database db, User owner, Random random) {
        TaskGraphFixture g = new TaskGraphFixture(db, owner);
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < TASKS_PER_PROJECT; t++) {
            TaskGraphFixture.TaskSpec spec = g.task("T" + t).priority(random.nextInt(101));
            for (int d = 0; d < 2 && !ids.isEmpty(); d++) {
                if (random.nextBoolean()) {
                    String dep = ids.get(random.nextInt(ids.size()));
                    spec.deps(dep);
                }
            }
            if (random.nextBoolean()) {
                spec.tools("echo");
            }
            ids.add(spec.add());
        }
    }
}
