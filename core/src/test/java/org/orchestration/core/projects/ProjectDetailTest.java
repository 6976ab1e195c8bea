package org.orchestration.core.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.testing.TestEngine;

/** The project screen's read model: spend, budget and the requirements limit, checked like every project read. */
class ProjectDetailTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static ProjectService projects;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        projects = engine.services().projects();
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aNewProjectHasNoSpendNoBudgetAndTheConfiguredRequirementsLimit() {
        String id = projects.create(alice, "Fresh", "").id();

        ProjectDetail p = projects.detail(alice, id);

        assertThat(p.name()).isEqualTo("Fresh");
        assertThat(p.status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(p.requirements()).isEmpty();
        assertThat(p.spentMicros()).isZero();
        assertThat(p.budgetMicros()).isZero();
        assertThat(p.maxRequirementsChars()).isEqualTo(engine.config.planning().maxRequirementsChars())
                .isEqualTo(projects.maxRequirementsChars());
    }

    @Test
    void theSpendIsTheUsageLogsAsTheProjectListCountsIt() {
        String id = projects.create(alice, "Planned", "Write a haiku about SQLite.\nReview it.", 2_000_000L).id();
        engine.services().planner().generatePlan(alice, id, CancellationToken.none());
        // a planning call's usage row, as the budget records it (the Simulated provider itself is free)
        engine.services().budget().record(null, new UsageRecord(UUID.randomUUID().toString(), alice.id(), id, null, Purpose.PLAN,
                "anthropic", "claude-sonnet-4-5", new TokenUsage(1000, 80, 0, 0), 4_200));

        ProjectDetail p = projects.detail(alice, id);

        assertThat(p.spentMicros()).isPositive()
                .isEqualTo(engine.db.queryLong("SELECT SUM(cost_micros) FROM usage_log WHERE project_id = ?", id))
                .isEqualTo(projects.list(alice).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow().spentMicros())
                .isEqualTo(projects.spentMicros(alice, id));
        assertThat(p.budgetMicros()).isEqualTo(2_000_000L);
        assertThat(p.requirements()).startsWith("Write a haiku");
    }

    @Test
    void theDefaultProjectBudgetShowsOnANewProject() {
        engine.settings.put(ProjectService.DEFAULT_BUDGET_KEY, 3_000_000L);
        try {
            assertThat(projects.detail(alice, projects.create(alice, "Defaulted", "").id()).budgetMicros()).isEqualTo(3_000_000L);
        } finally {
            engine.settings.put(ProjectService.DEFAULT_BUDGET_KEY, 0L);
        }
    }

    @Test
    void theListCountsCompletedTasksAndProgress() {
        String id = projects.create(alice, "Progress", "Write a haiku about SQLite.\nReview it.").id();
        Plan plan = engine.services().planner().generatePlan(alice, id, CancellationToken.none());
        engine.services().decomposer().approve(alice, plan.id());

        ProjectSummary ready = summary(id);
        assertThat(ready.totalTasks()).isPositive();
        assertThat(ready.completedTasks()).isZero();
        assertThat(ready.progress()).isZero();

        engine.services().executor().start(alice, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> projects.get(alice, id).status() == ProjectStatus.COMPLETED);
        ProjectSummary done = summary(id);
        assertThat(done.completedTasks()).isEqualTo(done.totalTasks());
        assertThat(done.progress()).isEqualTo(1.0);
    }

    private static ProjectSummary summary(String id) {
        return projects.list(alice).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anotherUsersProjectIsRefusedAndAMissingOneIsNotFound() {
        String id = projects.create(alice, "Not bob's", "").id();

        assertThatThrownBy(() -> projects.detail(bob, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> projects.spentMicros(bob, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> projects.detail(alice, "no-such-project")).isInstanceOf(NotFoundException.class);
    }
}
