package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.core.testing.TestEngine;

/**
 * The task screen's read model on the real engine, and the retry rule it shares with
 * {@link Executor#retryTask}: what the screen says about Retry is what the executor does.
 */
class TaskReportsTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static EngineServices s;
    static TaskReports reports;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        s = engine.services();
        reports = new TaskReports(s.tasks(), s.projects(), s.executor(), new TaskHistory(engine.db));
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** A project of alice's whose run completed; answers its first task's id. */
    private static String finishedTask(String name) {
        String id = s.projects().create(alice, name, "Write a haiku about SQLite.\nReview it.").id();
        Plan plan = s.planner().generatePlan(alice, id, CancellationToken.none());
        s.decomposer().approve(alice, plan.id());
        s.executor().start(alice, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> s.projects().get(alice, id).status() == ProjectStatus.COMPLETED);
        return s.tasks().list(alice, id).get(0).id();
    }

    /** Puts the task where a failed attempt leaves it, having used {@code manualRetries} retries by hand. */
    private static void failed(String taskId, int manualRetries) {
        engine.db.update("UPDATE tasks SET status = 'FAILED', error = 'Overloaded', manual_retries = ? WHERE id = ?",
                manualRetries, taskId);
        engine.db.update("UPDATE projects SET status = 'FAILED' WHERE id = (SELECT project_id FROM tasks WHERE id = ?)", taskId);
    }

    private static int maxManualRetries() {
        return s.config().execution().maxTaskRetries();
    }

    @Test
    void aCompletedTaskShowsItsOutputItsAttemptAndWhyItCannotBeRetried() {
        String taskId = finishedTask("Completed");

        TaskReport task = reports.report(alice, taskId);

        assertThat(task.simulated()).isTrue();
        assertThat(task.projectName()).isEqualTo("Completed");
        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.outputMarkdown()).isNotBlank();
        assertThat(task.promptContext()).startsWith("Type: ");
        assertThat(task.attempts()).singleElement().satisfies(a -> {
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.outcome().label()).isEqualTo("completed");
            assertThat(a.endedAt()).isAfterOrEqualTo(a.startedAt());
        });
        assertThat(task.retryBlockedReason()).isEqualTo("Only a failed or cancelled task can be retried.");
        assertThat(task.costMicros()).isEqualTo(s.tasks().get(alice, taskId).task().costMicros());
        assertThatThrownBy(() -> s.executor().retryTask(alice, taskId)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aFailedTaskUnderTheLimitMayBeRetriedAndHasOneAttemptMoreThanItHad() {
        String taskId = finishedTask("Retry allowed");
        failed(taskId, 0);

        TaskReport task = reports.report(alice, taskId);

        assertThat(task.retryBlockedReason()).isNull();
        assertThat(task.maxAttempts()).isGreaterThan(task.attempts().size())
                .isEqualTo(Math.max(1 + s.config().execution().maxAutoRetries(), task.attempts().size() + 1));
        s.executor().retryTask(alice, taskId); // the executor agrees
        assertThat(s.tasks().get(alice, taskId).task().status()).isNotEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aFailedTaskAtTheRetryLimitIsRefusedOnTheScreenAndByTheExecutorAlike() {
        String taskId = finishedTask("Retry limit");
        failed(taskId, maxManualRetries());

        TaskReport task = reports.report(alice, taskId);

        assertThat(task.retryBlockedReason()).isEqualTo("Maximum retry limit reached (" + maxManualRetries()
                + " manual retries, setting execution.max_task_retries).");
        assertThat(task.maxAttempts()).isEqualTo(1 + s.config().execution().maxAutoRetries() + maxManualRetries());
        assertThatThrownBy(() -> s.executor().retryTask(alice, taskId))
                .isInstanceOf(ValidationException.class).hasMessage("Maximum retry limit reached");
    }

    @Test
    void theFilesATaskWroteAreListedRelativeToAndLocatedInTheProjectWorkspace() throws Exception {
        String taskId = finishedTask("Files");
        String projectId = s.tasks().get(alice, taskId).task().projectId();
        Path workspace = s.projects().workspace(alice, projectId);
        Files.createDirectories(workspace.resolve("docs"));
        Files.writeString(workspace.resolve("docs/guide.md"), "# Guide");
        // a write_file call exactly as the executor stores it
        engine.db.update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) "
                + "VALUES (?, 1, 1, 'write_file', '{\"path\":\"docs/guide.md\",\"content\":\"# Guide\"}', "
                + "'Wrote 7 bytes to docs/guide.md.', 0, 1000)", taskId);

        TaskReport task = reports.report(alice, taskId);

        assertThat(task.filesWritten()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("docs/guide.md");
            assertThat(f.location()).isEqualTo(workspace.resolve("docs/guide.md"));
        });
        assertThat(task.toolCalls()).anySatisfy(c -> assertThat(c.toolName()).isEqualTo("write_file"));
    }

    @Test
    void anotherUsersTaskIsRefusedAndAMissingOneIsNotFound() {
        String taskId = finishedTask("Not bob's");

        assertThatThrownBy(() -> reports.report(bob, taskId)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.executor().retryStanding(bob, taskId)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> reports.report(alice, "no-such-task")).isInstanceOf(NotFoundException.class);
    }
}
