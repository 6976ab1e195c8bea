package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.Subscription;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;

/** Guards the per-task database cost (a count, not a timing): regressions show up here first. */
class ExecutorCostTest {

    private static final int TASKS = 20;

    @TempDir
    Path dir;
    EngineFixture e;

    @AfterEach
    void tearDown() {
        if (e != null) {
            e.close();
        }
    }

    @Test
    void aSingleRoundChainedTaskCostsTwoCommitsAndSixteenStatements() {
        e = EngineFixture.open(dir, TestConfig.execution(1, 2, 3, 10, true, Duration.ofSeconds(5)), 100.0);
        User owner = e.user(Role.USER);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String previous = g.task("T0").add();
        for (int i = 1; i < TASKS; i++) {
            previous = g.task("T" + i).deps(previous).add(); // a chain: every completion promotes one dependent
        }
        CountDownLatch done = new CountDownLatch(1);
        try (Subscription s = e.bus.subscribe(owner, g.projectId(), ev -> {
            if (ev.event() instanceof ProjectStatusChanged p && p.status() == ProjectStatus.COMPLETED) {
                done.countDown();
            }
        })) {
            long statements = e.db.statementCount();
            long commits = e.db.commitCount();

            e.executor.start(owner, g.projectId());
            await().atMost(Duration.ofSeconds(30)).until(() -> done.getCount() == 0); // no database polling

            // per task: RUNNING, then usage row + totals + COMPLETED + dependent PENDING; plus the project's start
            assertThat(e.db.commitCount() - commits).isLessThanOrEqualTo(2L * TASKS + 1);
            // per task 16: 2 reads to load it, 1 project-limit read, 4 to mark it RUNNING (BEGIN, UPDATE, event,
            // COMMIT), 9 to complete it (BEGIN, usage row, UPDATE, tokens event, status event, promote, dependent's
            // event, settle probe, COMMIT); plus the project's start, the budget's first load and the project's end
            assertThat(e.db.statementCount() - statements).isLessThanOrEqualTo(16L * TASKS + 16);
        }
    }
}
