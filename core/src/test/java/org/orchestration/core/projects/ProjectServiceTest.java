package org.orchestration.core.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.testing.TestDb;

class ProjectServiceTest {

    @TempDir
    Path dir;
    Database db;
    SettingsStore settings;
    ProjectService projects;
    User alice;
    User bob;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        settings = new SettingsStore(db, Clock.systemUTC());
        projects = new ProjectService(db, settings, new AppConfig.Planning(100, 50_000), dir.resolve("workspaces"), Clock.systemUTC());
        alice = TestDb.insertUser(db, Role.USER);
        bob = TestDb.insertUser(db, Role.USER);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aNewProjectGetsTheDefaultProjectBudgetWhenItsCreatorNamesNone() {
        assertThat(projects.create(alice, "Before", "").budgetLimitMicros()).isNull();
        settings.put(ProjectService.DEFAULT_BUDGET_KEY, 2_500_000L);
        Project p = projects.create(alice, "After", "");
        assertThat(p.budgetLimitMicros()).isEqualTo(2_500_000L);
        assertThat(projects.get(alice, p.id()).budgetLimitMicros()).isEqualTo(2_500_000L);
        assertThat(projects.create(alice, "Own budget", "", 700_000L).budgetLimitMicros()).isEqualTo(700_000L);
        settings.put(ProjectService.DEFAULT_BUDGET_KEY, 0L);
        assertThat(projects.create(alice, "Default removed", "").budgetLimitMicros()).isNull();
    }

    @Test
    void aNewProjectIsADraftOwnedByItsCreator() {
        Project p = projects.create(alice, "  Web site  ", "Build a web site.");
        assertThat(p.status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(p.name()).isEqualTo("Web site");
        assertThat(projects.get(alice, p.id())).isEqualTo(p);
    }

    @Test
    void unicodeNamesAndRequirementsAreKept() {
        Project p = projects.create(alice, "Проект 日本 🚀", "Écrire — 文档\n\tavec des tabulations");
        assertThat(projects.get(alice, p.id()).name()).isEqualTo("Проект 日本 🚀");
        assertThat(projects.get(alice, p.id()).requirements()).isEqualTo("Écrire — 文档\n\tavec des tabulations");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bad\u0000name", "line\nbreak", "bell\u0007"})
    void badNamesAreRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> projects.create(alice, name, ""))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("name"));
    }

    @Test
    void nameBoundIsTwoHundredCharacters() {
        assertThat(projects.create(alice, "n".repeat(200), "").name()).hasSize(200);
        assertThatThrownBy(() -> projects.create(alice, "n".repeat(201), "")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("200");
    }

    @Test
    void requirementsBoundIsFiftyThousandCharactersAndNothingIsWritten() {
        assertThat(projects.create(alice, "ok", "r".repeat(50_000)).requirements()).hasSize(50_000);
        long before = db.queryLong("SELECT COUNT(*) FROM projects");
        assertThatThrownBy(() -> projects.create(alice, "too long", "r".repeat(50_001)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("requirements"));
        assertThat(db.queryLong("SELECT COUNT(*) FROM projects")).isEqualTo(before);
    }

    @Test
    void anotherUserCannotReadUpdateOrDelete() {
        Project p = projects.create(alice, "Mine", "");
        assertThatThrownBy(() -> projects.get(bob, p.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> projects.update(bob, p.id(), ProjectPatch.name("x"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> projects.delete(bob, p.id())).isInstanceOf(ForbiddenException.class);
        assertThat(projects.get(alice, p.id()).name()).isEqualTo("Mine");
    }

    @Test
    void aMissingProjectIsNotFound() {
        assertThatThrownBy(() -> projects.get(alice, UUID.randomUUID().toString())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listShowsOwnProjectsAndAdminsSeeAll() {
        projects.create(alice, "A1", "");
        projects.create(bob, "B1", "");
        User admin = TestDb.insertUser(db, Role.ADMIN);

        assertThat(projects.list(alice)).extracting(ProjectSummary::name).containsExactly("A1");
        assertThat(projects.list(admin)).extracting(ProjectSummary::name).containsExactlyInAnyOrder("A1", "B1");
    }

    @Test
    void listCarriesTaskCountsSpendAndLastActivity() {
        Project p = projects.create(alice, "Counted", "");
        String plan = UUID.randomUUID().toString();
        db.update("INSERT INTO plans (id, project_id, version, body, created_at, updated_at) VALUES (?, ?, 1, '{}', 0, 0)", plan, p.id());
        insertTask(p.id(), plan, 0, TaskStatus.PENDING, 1_000);
        insertTask(p.id(), plan, 1, TaskStatus.BLOCKED, 2_000);
        insertTask(p.id(), plan, 2, TaskStatus.BLOCKED, 3_000);
        long latest = p.updatedAt().toEpochMilli() + 60_000;
        db.update("INSERT INTO usage_log (idempotency_key, project_id, purpose, provider, model, cost_micros, created_at) "
                + "VALUES ('k1', ?, 'plan', 'x', 'm', 1500, ?), ('k2', ?, 'task', 'x', 'm', 2500, ?)", p.id(), 5, p.id(), latest);

        ProjectSummary s = projects.list(alice).get(0);
        assertThat(s.taskCounts()).containsEntry(TaskStatus.PENDING, 1).containsEntry(TaskStatus.BLOCKED, 2)
                .containsEntry(TaskStatus.RUNNING, 0);
        assertThat(s.totalTasks()).isEqualTo(3);
        assertThat(s.spentMicros()).isEqualTo(4_000);
        assertThat(s.lastActivity().toEpochMilli()).isEqualTo(latest);
    }

    @Test
    void listIsOneQueryWhateverTheNumberOfProjects() {
        projects.create(alice, "only", "");
        long before = db.statementCount();
        assertThat(projects.list(alice)).hasSize(1);
        long forOne = db.statementCount() - before;

        for (int i = 0; i < 49; i++) {
            Project p = projects.create(alice, "p" + i, "");
            String plan = UUID.randomUUID().toString();
            db.update("INSERT INTO plans (id, project_id, version, body, created_at, updated_at) VALUES (?, ?, 1, '{}', 0, 0)", plan, p.id());
            insertTask(p.id(), plan, 0, TaskStatus.PENDING, 1);
        }
        before = db.statementCount();
        assertThat(projects.list(alice)).hasSize(50);
        long forFifty = db.statementCount() - before;

        assertThat(forOne).isEqualTo(1);
        assertThat(forFifty).isEqualTo(forOne);
    }

    @Test
    void updateChecksEachBound() {
        Project p = projects.create(alice, "x", "");
        assertThatThrownBy(() -> projects.update(alice, p.id(), ProjectPatch.name("")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> projects.update(alice, p.id(), ProjectPatch.requirements("r".repeat(50_001))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> projects.update(alice, p.id(), ProjectPatch.budgetLimit(-1)))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("budget_limit_micros"));

        Project updated = projects.update(alice, p.id(), new ProjectPatch("y", "new reqs", 0L, false, null));
        assertThat(updated.name()).isEqualTo("y");
        assertThat(updated.requirements()).isEqualTo("new reqs");
        assertThat(updated.budgetLimitMicros()).isZero();
        assertThat(projects.update(alice, p.id(), new ProjectPatch(null, null, null, true, null)).budgetLimitMicros()).isNull();
    }

    @Test
    void requirementsCannotChangeWhileRunningAndTheStateIsNamed() {
        Project p = projects.create(alice, "x", "");
        projects.table().setStatus(p.id(), ProjectStatus.RUNNING);
        assertThatThrownBy(() -> projects.update(alice, p.id(), ProjectPatch.requirements("new")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("RUNNING");
        assertThat(projects.update(alice, p.id(), ProjectPatch.name("renamed")).name()).isEqualTo("renamed");
    }

    @Test
    void deleteIsRefusedWhileRunningNamingTheState() {
        Project p = projects.create(alice, "x", "");
        projects.table().setStatus(p.id(), ProjectStatus.RUNNING);
        assertThatThrownBy(() -> projects.delete(alice, p.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("RUNNING")
                .satisfies(e -> assertThat(((ConflictException) e).status()).isEqualTo(409));
        assertThat(projects.get(alice, p.id())).isNotNull();
    }

    @Test
    void deleteCascadesRowsKeepsSpendAndRemovesTheWorkspace() throws Exception {
        Project p = projects.create(alice, "x", "");
        String plan = UUID.randomUUID().toString();
        db.update("INSERT INTO plans (id, project_id, version, body, created_at, updated_at) VALUES (?, ?, 1, '{}', 0, 0)", plan, p.id());
        String t0 = insertTask(p.id(), plan, 0, TaskStatus.COMPLETED, 1);
        String t1 = insertTask(p.id(), plan, 1, TaskStatus.PENDING, 1);
        db.update("INSERT INTO task_deps (task_id, depends_on) VALUES (?, ?)", t1, t0);
        db.update("INSERT INTO usage_log (idempotency_key, project_id, task_id, purpose, provider, model, cost_micros, created_at) "
                + "VALUES ('k', ?, ?, 'task', 'x', 'm', 7, 0)", p.id(), t0);
        Path ws = projects.workspace(alice, p.id());
        Files.createDirectories(ws.resolve("src/deep"));
        Files.writeString(ws.resolve("src/deep/file.txt"), "hello");

        projects.delete(alice, p.id());

        assertThatThrownBy(() -> projects.get(alice, p.id())).isInstanceOf(NotFoundException.class);
        for (String table : List.of("plans", "tasks", "task_deps")) {
            assertThat(db.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(db.queryLong("SELECT SUM(cost_micros) FROM usage_log WHERE project_id IS NULL")).isEqualTo(7);
        assertThat(ws).doesNotExist();
    }

    @Test
    void theWorkspaceLivesUnderTheWorkspacesFolder() {
        Project p = projects.create(alice, "x", "");
        Path ws = projects.workspace(alice, p.id());
        assertThat(ws).isDirectory().isEqualTo(dir.resolve("workspaces").resolve(p.id()).toAbsolutePath());
        assertThatThrownBy(() -> projects.workspace(bob, p.id())).isInstanceOf(ForbiddenException.class);
    }

    private String insertTask(String projectId, String planId, int seq, TaskStatus status, long updatedAt) {
        String id = UUID.randomUUID().toString();
        db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, task_type, complexity, status, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, 'code', 'simple', ?, 0, ?)", id, projectId, planId, seq, "T" + seq, status.name(), updatedAt);
        return id;
    }
}
