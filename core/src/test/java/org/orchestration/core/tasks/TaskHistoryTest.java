package org.orchestration.core.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.MapToolCatalog;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TaskScriptProvider;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.tools.WriteFileTool;

/** The task read model on a real SQLite file, fed by the real executor (and by rows shaped like its own). */
class TaskHistoryTest {

    @TempDir
    Path dir;
    EngineFixture e;
    Executor executor;
    TaskHistory history;
    User owner;

    @BeforeEach
    void open() {
        e = EngineFixture.open(dir, TestConfig.execution(2, 2, 3, 10, true, Duration.ofMillis(300)), 100.0);
        e.settings.put("execution.retry_base_ms", 20); // ExecutionSettings.RETRY_BASE_MS (package-private)
        // the fixture's executor has only an echo tool; this one can write files into the workspace
        executor = new Executor(e.db, e.settings, e.config, e.clock, Map.of("simulated", e.provider), e.prices,
                new MapToolCatalog(new WriteFileTool(10_000)), e.budget, e.bus);
        history = new TaskHistory(e.db);
        owner = e.user(Role.USER);
    }

    @AfterEach
    void close() {
        executor.close();
        e.close();
    }

    private String runFlakyWriter(TaskGraphFixture g) {
        e.provider.fail("writer", TaskScriptProvider.rateLimited(null));
        e.provider.script("writer", n -> switch (n) {
            case 2 -> TaskScriptProvider.toolCall("Writing.", "write_file", "{\"path\": \"./docs/notes.md\", \"content\": \"# Notes\"}");
            case 3 -> TaskScriptProvider.toolCall("Again.", "write_file", "{\"path\": \"docs/notes.md\", \"content\": \"# Notes v2\"}");
            case 4 -> TaskScriptProvider.toolCall("And more.", "write_file", "{\"path\": \"summary.txt\", \"content\": \"ok\"}");
            default -> TaskScriptProvider.text("Done.");
        });
        String id = g.task("writer").tools("write_file").add();
        executor.start(owner, g.projectId());
        await().atMost(Duration.ofSeconds(10)).until(() -> e.projectStatus(g.projectId()).equals("COMPLETED"));
        return id;
    }

    @Test
    void aTransientFailureThenASuccessAreTwoAttemptsWithTheirTimesOutcomesAndError() {
        String id = runFlakyWriter(new TaskGraphFixture(e.db, owner));

        List<TaskHistory.Attempt> attempts = history.attempts(owner, id);

        assertThat(attempts).hasSize(2);
        TaskHistory.Attempt first = attempts.get(0);
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.outcome()).isEqualTo(TaskHistory.Outcome.RETRY_SCHEDULED);
        assertThat(first.error()).contains("429");
        assertThat(first.endedAt()).isAfterOrEqualTo(first.startedAt());
        TaskHistory.Attempt second = attempts.get(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.outcome()).isEqualTo(TaskHistory.Outcome.COMPLETED);
        assertThat(second.error()).isNull();
        assertThat(second.startedAt()).isAfterOrEqualTo(first.endedAt());
        assertThat(second.endedAt()).isNotNull();
    }

    @Test
    void filesWrittenAreListedOnceRelativeToTheWorkspaceInTheOrderFirstWritten() throws Exception {
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String id = runFlakyWriter(g);

        List<TaskHistory.WrittenFile> files = history.filesWritten(owner, id);

        assertThat(files).extracting(TaskHistory.WrittenFile::path).containsExactly("docs/notes.md", "summary.txt");
        assertThat(files).allSatisfy(f -> assertThat(f.attempt()).isEqualTo(2));
        assertThat(Files.readString(e.config.workspacesDir().resolve(g.projectId()).resolve(files.get(0).path())))
                .isEqualTo("# Notes v2");
    }

    @Test
    void failedWritesAndOtherToolsAreNotFilesWritten() {
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String id = g.task("T").add();
        e.db.update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) VALUES "
                + "(?, 1, 1, 'write_file', '{\"path\":\"../escape.txt\",\"content\":\"x\"}', 'Refused', 1, 1), "
                + "(?, 1, 2, 'read_file', '{\"path\":\"a.txt\"}', 'text', 0, 2), "
                + "(?, 1, 3, 'write_file', '{\"path\":\"out\\\\report.md\",\"content\":\"x\"}', 'stored', 0, 3)", id, id, id);

        assertThat(history.filesWritten(owner, id)).extracting(TaskHistory.WrittenFile::path).containsExactly("out/report.md");
    }

    @Test
    void aTaskThatNeverRanHasNoAttempts() {
        String id = new TaskGraphFixture(e.db, owner).task("idle").add();
        assertThat(history.attempts(owner, id)).isEmpty();
        assertThat(history.filesWritten(owner, id)).isEmpty();
    }

    @Test
    void aPermanentFailureEndsTheAttemptAsFailedWithTheError() {
        e.provider.fail("broken", TaskScriptProvider.permanent("Model not found"));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String id = g.task("broken").add();
        executor.start(owner, g.projectId());
        await().atMost(Duration.ofSeconds(10)).until(() -> e.projectStatus(g.projectId()).equals("FAILED"));

        assertThat(history.attempts(owner, id)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(TaskHistory.Outcome.FAILED);
            assertThat(a.error()).contains("Model not found");
        });
    }

    @Test
    void onlyTheOwnerOrAnAdminMayReadATasksHistory() {
        String id = new TaskGraphFixture(e.db, owner).task("T").add();
        User stranger = e.user(Role.USER);
        assertThatThrownBy(() -> history.attempts(stranger, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> history.filesWritten(stranger, id)).isInstanceOf(ForbiddenException.class);
        assertThat(history.attempts(e.user(Role.ADMIN), id)).isEmpty();
        assertThatThrownBy(() -> history.attempts(owner, "missing")).isInstanceOf(NotFoundException.class);
    }
}
