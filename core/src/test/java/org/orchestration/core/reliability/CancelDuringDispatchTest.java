package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TaskScriptProvider;
import org.orchestration.core.testing.TestConfig;

/**
 * Cancels running projects from several threads at random moments while the real
 * {@link org.orchestration.core.execution.Executor} is dispatching and running their tasks.
 * Afterwards: no task RUNNING, every cancelled project CANCELLED with its unfinished tasks
 * CANCELLED, no usage row without the task attempt it belongs to, no provider call in flight and
 * no worker still inside a task.
 */
class CancelDuringDispatchTest {

    @TempDir
    Path dir;

    @Test
    void cancellingWhileTasksAreDispatchedLeavesNothingRunning() throws Exception {
        rounds(6);
    }

    @Tag("long")
    @Test
    void manyCancelsWhileTasksAreDispatchedLeaveNothingRunning() throws Exception {
        rounds(100);
    }

    private void rounds(int rounds) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (EngineFixture e = EngineFixture.open(dir, TestConfig.execution(4, 3, 5, 10, true), 1_000.0)) {
            e.provider.latency(Duration.ofMillis(3));
            e.provider.otherwise(r -> !r.tools().isEmpty() && r.messages().size() == 1
                    ? TaskScriptProvider.toolCall("Using a tool.", "echo", "{\"text\":\"x\"}")
                    : TaskScriptProvider.text("done"));
            User owner = e.user(Role.USER);
            for (int round = 0; round < rounds; round++) {
                List<String> projects = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
                    List<String> ids = new ArrayList<>();
                    for (int t = 0; t < 25; t++) {
                        TaskGraphFixture.TaskSpec spec = g.task("R" + round + "P" + p + "T" + t).priority(random.nextInt(101));
                        if (!ids.isEmpty() && random.nextInt(3) == 0) {
                            spec.deps(ids.get(random.nextInt(ids.size())));
                        }
                        if (random.nextBoolean()) {
                            spec.tools("echo");
                        }
                        ids.add(spec.add());
                    }
                    projects.add(g.projectId());
                    e.executor.start(owner, g.projectId());
                }
                int waitMs = random.nextInt(60);
                List<Throwable> unexpected = new CopyOnWriteArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                ExecutorService cancellers = Executors.newFixedThreadPool(4);
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    String project = projects.get(c % projects.size());
                    futures.add(cancellers.submit(() -> {
                        go.await();
                        try {
                            e.executor.cancel(owner, project);
                        } catch (ConflictException alreadyCancelled) {
                            // a second cancel of the same project, or it finished first: the designed 409
                        } catch (Throwable t) {
                            unexpected.add(t);
                        }
                        return null;
                    }));
                }
                await().pollDelay(Duration.ofMillis(waitMs)).atMost(Duration.ofSeconds(5)).until(() -> true);
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(30, TimeUnit.SECONDS);
                }
                cancellers.shutdown();
                await().atMost(Duration.ofSeconds(20)).until(() -> e.executor.runningCount() == 0 && e.provider.inFlight() == 0);

                assertThat(unexpected).as("seed %d", seed).isEmpty();
                for (String project : projects) {
                    assertThat(e.projectStatus(project)).as("seed %d", seed).isIn("CANCELLED", "COMPLETED");
                    if (e.projectStatus(project).equals("CANCELLED")) {
                        assertThat(e.db.query("SELECT DISTINCT status FROM tasks WHERE project_id = ?", rs -> rs.getString(1), project))
                                .as("seed %d", seed).isSubsetOf("COMPLETED", "CANCELLED");
                    }
                }
                assertThat(e.db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'")).as("seed %d", seed).isZero();
                assertThat(e.db.queryLong("SELECT count(*) FROM usage_log u LEFT JOIN tasks t ON t.id = u.task_id WHERE t.id IS NULL OR "
                        + "CAST(substr(u.idempotency_key, length('task:' || t.id || ':') + 1) AS INTEGER) NOT BETWEEN 1 AND t.attempts"))
                        .as("usage rows without their attempt (seed %d)", seed).isZero();
                assertThat(workersInsideATask()).as("seed %d", seed).isEmpty();
            }
            assertThat(e.budget.reservedMicros()).isZero();
        }
    }

    /** Worker threads whose stack is still inside the execution package (idle pool threads are not). */
    private static List<String> workersInsideATask() {
        List<String> busy = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("task-worker")) {
                for (StackTraceElement frame : stack) {
                    if (frame.getClassName().startsWith("org.orchestration.core.execution.")) {
                        busy.add(thread.getName() + " at " + frame);
                        break;
                    }
                }
            }
        });
        return busy;
    }
}
