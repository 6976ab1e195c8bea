package org.orchestration.core.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.testing.TestDb;

class TaskServiceTest {

    @TempDir
    Path dir;
    Database db;
    ProjectService projects;
    TaskService tasks;
    User alice;
    Project project;
    String planId;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        projects = new ProjectService(db, new SettingsStore(db, Clock.systemUTC()), new AppConfig.Planning(100, 50_000), dir.resolve("ws"), Clock.systemUTC());
        ModelRouter router = new ModelRouter(new SettingsStore(db, Clock.systemUTC()), true, () -> false);
        tasks = new TaskService(db, projects, new ModelCatalog(new Pricing(new SettingsStore(db, Clock.systemUTC()),
                router::configuredRoutes), router::configuredRoutes), Clock.systemUTC());
        alice = TestDb.insertUser(db, Role.USER);
        project = projects.create(alice, "p", "");
        planId = UUID.randomUUID().toString();
        db.update("INSERT INTO plans (id, project_id, version, body, created_at, updated_at) VALUES (?, ?, 1, '{}', 0, 0)", planId, project.id());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String task(int seq, TaskStatus status) {
        String id = UUID.randomUUID().toString();
        db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, task_type, complexity, tools, status, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 'code', 'simple', '[\"read_file\"]', ?, 0, 0)", id, project.id(), planId, seq, "T" + seq, status.name());
        db.update("UPDATE tasks SET provider = 'anthropic', model = 'claude-haiku-4-5' WHERE id = ?", id);
        return id;
    }

    @Test
    void tasksAreListedInPlanOrder() {
        task(1, TaskStatus.BLOCKED);
        task(0, TaskStatus.PENDING);
        assertThat(tasks.list(alice, project.id())).extracting(TaskView::title).containsExactly("T0", "T1");
    }

    @Test
    void aTaskComesWithItsDependenciesAndToolCalls() {
        String a = task(0, TaskStatus.COMPLETED);
        String b = task(1, TaskStatus.PENDING);
        db.update("INSERT INTO task_deps (task_id, depends_on) VALUES (?, ?)", b, a);
        db.update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) "
                + "VALUES (?, 1, 1, 'read_file', '{\"path\":\"a\"}', 'text', 0, 5)", b);

        TaskDetail detail = tasks.get(alice, b);

        assertThat(detail.dependsOn()).containsExactly(a);
        assertThat(detail.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.toolName()).isEqualTo("read_file");
            assertThat(c.isError()).isFalse();
        });
        assertThat(detail.task().tools()).containsExactly("read_file");
    }

    @Test
    void updateAppliesBoundsNamingTheField() {
        String id = task(0, TaskStatus.PENDING);
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch("", null, null, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch("t".repeat(501), null, null, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch(null, "d".repeat(10_001), null, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch(null, null, 101, null)))
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(((ValidationException) e).field()).contains("priority"));
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch(null, null, -1, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch(null, null, null, 0)))
                .isInstanceOf(ValidationException.class).satisfies(e -> assertThat(((ValidationException) e).field()).contains("max_tokens"));
        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch(null, null, null, 32_769))).isInstanceOf(ValidationException.class);

        TaskView t = tasks.update(alice, id, new TaskPatch("Título ✓", "d".repeat(10_000), 100, 32_768));
        assertThat(t.title()).isEqualTo("Título ✓");
        assertThat(t.priority()).isEqualTo(100);
        assertThat(t.maxTokens()).isEqualTo(32_768);
    }

    @Test
    void runningAndCompletedTasksCannotBeEdited() {
        String running = task(0, TaskStatus.RUNNING);
        String done = task(1, TaskStatus.COMPLETED);
        assertThatThrownBy(() -> tasks.update(alice, running, new TaskPatch("x", null, null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> tasks.update(alice, done, new TaskPatch("x", null, null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("COMPLETED");
    }

    @Test
    void theModelCanBeSwitchedToAnotherPricedModelOfTheTasksProvider() {
        String id = task(0, TaskStatus.FAILED);

        TaskView t = tasks.update(alice, id, new TaskPatch(null, null, null, null, "claude-sonnet-4-6"));

        assertThat(t.model()).isEqualTo("claude-sonnet-4-6");
        assertThat(t.provider()).isEqualTo("anthropic");
        assertThat(t.title()).isEqualTo("T0");
    }

    @Test
    void anUnknownModelIsRefusedNamingTheFieldAndNothingChanges() {
        String id = task(0, TaskStatus.PENDING);

        assertThatThrownBy(() -> tasks.update(alice, id, new TaskPatch("renamed", null, null, null, "gpt-4o")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("model"));
        assertThat(tasks.get(alice, id).task()).satisfies(t -> {
            assertThat(t.model()).isEqualTo("claude-haiku-4-5");
            assertThat(t.title()).isEqualTo("T0");
        });
    }

    @Test
    void theModelOfARunningOrCompletedTaskCannotBeChanged() {
        String running = task(0, TaskStatus.RUNNING);
        String done = task(1, TaskStatus.COMPLETED);
        assertThatThrownBy(() -> tasks.update(alice, running, new TaskPatch(null, null, null, null, "claude-sonnet-4-6")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> tasks.update(alice, done, new TaskPatch(null, null, null, null, "claude-sonnet-4-6")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("COMPLETED");
    }

    @Test
    void anotherUserCannotSeeOrEditTasks() {
        String id = task(0, TaskStatus.PENDING);
        User bob = TestDb.insertUser(db, Role.USER);
        assertThatThrownBy(() -> tasks.list(bob, project.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.get(bob, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.update(bob, id, new TaskPatch("x", null, null, null))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.update(bob, id, new TaskPatch(null, null, null, null, "claude-sonnet-4-6")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(tasks.get(TestDb.insertUser(db, Role.ADMIN), id).task().title()).isEqualTo("T0");
    }

    @Test
    void aMissingTaskIsNotFound() {
        assertThatThrownBy(() -> tasks.get(alice, "nope")).isInstanceOf(NotFoundException.class);
    }
}
