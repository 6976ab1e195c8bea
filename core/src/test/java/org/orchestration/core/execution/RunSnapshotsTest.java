package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.projects.Project;
import org.orchestration.core.testing.TestEngine;

/** The run view's snapshot, assembled in core from tasks, spend and the stored events. */
class RunSnapshotsTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static EngineServices s;
    static RunSnapshots snapshots;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        s = engine.services();
        snapshots = new RunSnapshots(s.projects(), s.tasks(), s.events());
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String approved(String name, Long budget) {
        Project p = s.projects().create(alice, name, "Write a haiku about SQLite.\nReview it.", budget);
        Plan plan = s.planner().generatePlan(alice, p.id(), CancellationToken.none());
        s.decomposer().approve(alice, plan.id());
        planningCall(alice, p.id());
        return p.id();
    }

    /** A planning call's usage row, as the budget records it (the Simulated provider itself is free). */
    private static void planningCall(User user, String projectId) {
        s.budget().record(null, new UsageRecord(UUID.randomUUID().toString(), user.id(), projectId, null, Purpose.PLAN,
                "anthropic", "claude-sonnet-4-5", new TokenUsage(1000, 80, 0, 0), 4_200));
    }

    private static long planningSpend(String projectId) {
        return engine.db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE project_id = ? AND purpose = 'plan'",
                projectId);
    }

    @Test
    void theSnapshotOfAFinishedRunHasEveryTaskWithDependenciesTheSpendAndALog() {
        String id = approved("Finished", 5_000_000L);
        s.executor().start(alice, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> s.projects().get(alice, id).status() == ProjectStatus.COMPLETED);

        RunSnapshot snapshot = snapshots.snapshot(alice, id);

        assertThat(snapshot.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(snapshot.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
        List<String> ids = snapshot.tasks().stream().map(RunTask::id).toList();
        assertThat(ids).isEqualTo(s.tasks().list(alice, id).stream().map(t -> t.id()).toList());
        assertThat(snapshot.tasks()).allSatisfy(t -> assertThat(ids).containsAll(t.dependsOn()));
        assertThat(snapshot.tasks().get(0).dependsOn()).isEmpty();
        assertThat(snapshot.spentMicros()).isPositive()
                .isEqualTo(snapshot.tasks().stream().mapToLong(RunTask::costMicros).sum() + planningSpend(id))
                .isEqualTo(s.projects().spentMicros(alice, id));
        assertThat(snapshot.budgetMicros()).isEqualTo(5_000_000L);
        assertThat(snapshot.recentLog()).isNotEmpty().hasSizeLessThanOrEqualTo(RunSnapshots.RECENT_LOG_LINES)
                .anySatisfy(l -> assertThat(l.message()).contains("completed"))
                .anySatisfy(l -> assertThat(l.message()).startsWith("Project completed"))
                .allSatisfy(l -> assertThat(l.message()).doesNotStartWith("A task"));
    }

    @Test
    void aProjectNotYetRunHasItsTasksWaitingAndNoBudgetWhenItHasNone() {
        String id = approved("Not started", null);

        RunSnapshot snapshot = snapshots.snapshot(alice, id);

        assertThat(snapshot.status()).isEqualTo(ProjectStatus.READY);
        assertThat(snapshot.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.status()).isIn(TaskStatus.PENDING, TaskStatus.BLOCKED));
        assertThat(snapshot.budgetMicros()).isZero();
        assertThat(snapshot.spentMicros()).isEqualTo(planningSpend(id));
    }

    @Test
    void anotherUsersProjectIsRefusedAndAMissingOneIsNotFound() {
        String id = approved("Not bob's", null);

        assertThatThrownBy(() -> snapshots.snapshot(bob, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> snapshots.snapshot(alice, "no-such-project")).isInstanceOf(NotFoundException.class);
    }
}
