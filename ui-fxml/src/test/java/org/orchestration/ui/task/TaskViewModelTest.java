package org.orchestration.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.port.TasksPort;
import org.orchestration.ui.testing.Stubs;

class TaskViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final Session session = Stubs.signedIn(backend);
    private final List<Path> opened = new ArrayList<>();
    private final TaskViewModel vm = new TaskViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()), opened::add);

    @AfterEach
    void close() {
        backend.close();
    }

    private String finishedTaskId() {
        String id = backend.create(session.user(), "P").id();
        backend.saveRequirements(session.user(), id, "Something to build");
        var plan = backend.generate(session.user(), id, CancellationToken.none());
        backend.approve(session.user(), plan.id());
        backend.start(session.user(), id);
        Awaitility.await().until(() -> backend.get(session.user(), id).status() == ProjectStatus.COMPLETED);
        return backend.snapshot(session.user(), id).tasks().get(0).id();
    }

    @Test
    void aSimulatedTaskIsLabelledSimulated() {
        vm.open(finishedTaskId());
        assertThat(vm.task().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.getModelLabel()).isEqualTo("Simulated");
        assertThat(vm.task().getData().outputMarkdown()).contains("**done**");
    }

    @Test
    void retryIsDisabledWithTheReasonForACompletedTask() {
        vm.open(finishedTaskId());
        assertThat(vm.isCanRetry()).isFalse();
        assertThat(vm.getRetryReason()).isEqualTo("Only a failed task can be retried.");
        vm.retry();
        assertThat(vm.getMessage()).isEqualTo("Only a failed task can be retried.");
    }

    @Test
    void theFilesATaskWroteAreListedRelativeToTheWorkspace() {
        String id = finishedTaskId();
        vm.open(id);
        assertThat(vm.task().getData().filesWritten()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("notes/" + id + ".md"));
    }

    @Test
    void openAsksTheFileOpenerForTheFileItself() {
        vm.open(finishedTaskId());
        TaskFile file = vm.task().getData().filesWritten().get(0);
        vm.openFile(file);
        assertThat(opened).containsExactly(file.location());
        assertThat(file.location()).endsWith(Path.of(file.path()));
    }

    @Test
    void showInFolderAsksTheFileOpenerForTheFoldersHoldingTheFile() {
        vm.open(finishedTaskId());
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
    void aFailedTaskAtTheAttemptLimitCannotBeRetriedAndSaysWhy() {
        TaskReport failed = new TaskReport("t1", "p1", "P", "T", "d", TaskStatus.FAILED, "anthropic", "claude-sonnet-4-5",
                false, "", "", List.of(), List.of(new TaskHistory.Attempt(1, Instant.EPOCH, Instant.EPOCH, TaskHistory.Outcome.FAILED, "Rate limited"),
                        new TaskHistory.Attempt(2, Instant.EPOCH, Instant.EPOCH, TaskHistory.Outcome.FAILED, "Rate limited"),
                        new TaskHistory.Attempt(3, Instant.EPOCH, Instant.EPOCH, TaskHistory.Outcome.FAILED, "Overloaded")),
                3, null, List.of(), 10, 0, 30);
        TasksPort port = new TasksPort() {
            @Override
            public TaskReport task(User actor, String taskId) {
                return failed;
            }

            @Override
            public void retry(User actor, String taskId) {
                throw new AssertionError("must not be called");
            }
        };
        TaskViewModel atLimit = new TaskViewModel(port, session, Stubs.directTasks(new ErrorFunnel()), opened::add);
        atLimit.open("t1");
        assertThat(atLimit.isCanRetry()).isFalse();
        assertThat(atLimit.getRetryReason()).isEqualTo("This task already used all 3 attempts.");
        assertThat(atLimit.getModelLabel()).isEqualTo("anthropic · claude-sonnet-4-5");
        atLimit.retry();
        assertThat(atLimit.getMessage()).isEqualTo("This task already used all 3 attempts.");
    }

    @Test
    void aMissingTaskIsFlaggedAsNotFound() {
        vm.open("no-such-task");
        assertThat(vm.task().isNotFound()).isTrue();
        assertThat(vm.task().getError()).isEqualTo("This task does not exist or is not yours.");
    }
}
