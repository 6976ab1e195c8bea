package org.orchestration.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tools.WriteFileTool;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.ui.testing.UiEngine;

class TaskViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;
    static EngineServices services;

    private final Session session = new Session();
    private final List<Path> opened = new ArrayList<>();
    private TaskViewModel vm;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
        services = engine.engine.services();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void signIn() {
        session.signIn(engine.engine.owner());
        vm = new TaskViewModel(services.taskReports(), services.executor(), session, new UiTasks(UiExecutor.direct(), new ErrorFunnel()),
                opened::add);
    }

    /** Plans, approves and runs a project on the Simulated provider; returns its first task. */
    private String finishedTaskId() {
        User owner = session.user();
        String id = services.projects().create(owner, "P", "Something to build").id();
        var plan = services.planner().generatePlan(owner, id, CancellationToken.none());
        services.decomposer().approve(owner, plan.id());
        services.executor().start(owner, id);
        Awaitility.await().until(() -> services.projects().get(owner, id).status() == ProjectStatus.COMPLETED);
        return services.tasks().list(owner, id).stream().min(Comparator.comparingInt(t -> t.seq())).orElseThrow().id();
    }

    /**
     * A finished task that wrote {@code notes/<id>.md}: the file in the project's workspace and the
     * write_file call as the executor records it (the Simulated run here offers no tools).
     */
    private String taskThatWroteANote() throws Exception {
        String id = finishedTaskId();
        String projectId = services.tasks().get(session.user(), id).task().projectId();
        String relative = "notes/" + id + ".md";
        Path file = services.projects().workspace(session.user(), projectId).resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Notes");
        engine.engine.db.update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) "
                        + "VALUES (?, 1, 1, ?, ?, ?, 0, ?)", id, WriteFileTool.NAME, "{\"path\":\"" + relative + "\"}",
                "Wrote 7 bytes to " + relative + ".", Instant.now().toEpochMilli());
        return id;
    }

    @Test
    void aSimulatedTaskIsLabelledSimulated() {
        vm.open(finishedTaskId());
        assertThat(vm.task().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.getModelLabel()).isEqualTo("Simulated");
        assertThat(vm.task().getData().outputMarkdown()).contains("## Simulated result").contains("**Task:**");
    }

    @Test
    void retryIsDisabledWithTheReasonForACompletedTask() {
        vm.open(finishedTaskId());
        assertThat(vm.isCanRetry()).isFalse();
        assertThat(vm.getRetryReason()).isEqualTo("Only a failed or cancelled task can be retried.");
        vm.retry();
        assertThat(vm.getMessage()).isEqualTo("Only a failed or cancelled task can be retried.");
    }

    @Test
    void theFilesATaskWroteAreListedRelativeToTheWorkspace() throws Exception {
        String id = taskThatWroteANote();
        vm.open(id);
        assertThat(vm.task().getData().filesWritten()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("notes/" + id + ".md"));
    }

    @Test
    void openAsksTheFileOpenerForTheFileItself() throws Exception {
        vm.open(taskThatWroteANote());
        TaskFile file = vm.task().getData().filesWritten().get(0);
        vm.openFile(file);
        assertThat(opened).containsExactly(file.location());
        assertThat(file.location()).endsWith(Path.of(file.path()));
    }

    @Test
    void showInFolderAsksTheFileOpenerForTheFoldersHoldingTheFile() throws Exception {
        vm.open(taskThatWroteANote());
        TaskFile file = vm.task().getData().filesWritten().get(0);
        vm.showInFolder(file);
        assertThat(opened).containsExactly(file.location().getParent());
    }

    @Test
    void aFileThatNoLongerExistsIsNotOpenedAndTheUserIsTold(@TempDir Path dir) {
        vm.openFile(new TaskFile("gone.md", dir.resolve("gone.md"), Instant.EPOCH));
        assertThat(opened).isEmpty();
        assertThat(vm.getMessage()).isEqualTo("“gone.md” no longer exists in the workspace; it was moved or deleted.");
    }

    @Test
    void anAttemptReadsWithItsNumberTimesOutcomeAndError() {
        Instant start = Instant.parse("2026-11-24T10:00:01Z");
        String line = TaskViewModel.describe(new TaskHistory.Attempt(2, start, start.plusSeconds(75), TaskHistory.Outcome.RETRY_SCHEDULED,
                "Rate limited (429)."));
        assertThat(line).startsWith("#2 · ").contains(" → ").contains("(1 min 15 s)")
                .endsWith(" · failed, retried automatically — Rate limited (429).");
        assertThat(TaskViewModel.describe(new TaskHistory.Attempt(3, start, null, TaskHistory.Outcome.RUNNING, null))).endsWith(" · running")
                .doesNotContain("→");
    }

    @Test
    void aFailedTaskAtTheRetryLimitCannotBeRetriedAndSaysWhy() {
        String id = finishedTaskId();
        int limit = engine.engine.config.execution().maxTaskRetries();
        // a task that failed on Claude after every manual retry (the Simulated provider never fails)
        engine.engine.db.update("UPDATE tasks SET status = 'FAILED', provider = 'anthropic', model = 'claude-sonnet-4-5', "
                + "manual_retries = ? WHERE id = ?", limit, id);
        String reason = "Maximum retry limit reached (" + limit + " manual retries, setting execution.max_task_retries).";
        vm.open(id);
        assertThat(vm.task().getData().status()).isEqualTo(TaskStatus.FAILED);
        assertThat(vm.isCanRetry()).isFalse();
        assertThat(vm.getRetryReason()).isEqualTo(reason);
        assertThat(vm.getModelLabel()).isEqualTo("anthropic · claude-sonnet-4-5");
        vm.retry();
        assertThat(vm.getMessage()).isEqualTo(reason);
        assertThat(services.tasks().get(session.user(), id).task().status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aMissingTaskIsFlaggedAsNotFound() {
        vm.open("no-such-task");
        assertThat(vm.task().isNotFound()).isTrue();
        assertThat(vm.task().getError()).isEqualTo("Task no-such-task does not exist.");
    }
}
