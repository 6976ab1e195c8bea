package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestration.core.planning.PlanningHarness.deps;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.testing.TestDb;

class DecomposerTest extends PlanningTestBase {

    @Test
    void approvalCreatesBlockedAndPendingTasksWithEdgesInPlanOrder() {
        Plan plan = h.draft(PlanningHarness.doc(deps(), deps(0), deps(0, 1), deps()));

        Decomposer.Approval approval = h.decomposer.approve(h.owner, plan.id());

        List<TaskView> tasks = h.tasks.list(h.owner, plan.projectId());
        assertThat(tasks).extracting(TaskView::title).containsExactly("Task 0", "Task 1", "Task 2", "Task 3");
        assertThat(tasks).extracting(t -> t.status().name()).containsExactly("PENDING", "BLOCKED", "BLOCKED", "PENDING");
        assertThat(h.count("task_deps")).isEqualTo(3);
        assertThat(h.tasks.get(h.owner, approval.taskIds().get(2)).dependsOn())
                .containsExactlyInAnyOrder(approval.taskIds().get(0), approval.taskIds().get(1));
        assertThat(approval.plan().status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(h.projects.get(h.owner, plan.projectId()).status()).isEqualTo(ProjectStatus.READY);
        assertThat(h.events.types()).contains("project.status");
    }

    @Test
    void tasksCarryRoutedModelToolsAndTokenLimits() {
        Plan plan = h.draft(PlanningHarness.doc(deps(), deps(0)));
        Decomposer.Approval approval = h.decomposer.approve(h.owner, plan.id());

        TaskView complex = h.tasks.get(h.owner, approval.taskIds().get(1)).task();
        assertThat(complex.provider()).isEqualTo("scripted");
        assertThat(complex.model()).isEqualTo("complex-model");
        assertThat(complex.tools()).containsExactly("write_file");
        assertThat(complex.maxTokens()).isEqualTo(8192);
        assertThat(complex.estimatedTokens()).isEqualTo(1000L);
    }

    @Test
    void anAlreadyApprovedPlanIsAConflict() {
        Plan plan = h.draft(PlanningHarness.doc(deps()));
        h.decomposer.approve(h.owner, plan.id());

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Plan already approved.")
                .satisfies(e -> assertThat(((ConflictException) e).status()).isEqualTo(409));
        assertThat(h.count("tasks")).isEqualTo(1);
    }

    @Test
    void circularDependenciesAreRefusedNamingTheTasksOnTheCycle() {
        // 0 is outside the cycle 1 -> 2 -> 3 -> 1; 4 depends on the cycle but is not on it.
        Plan plan = h.draft(PlanningHarness.doc(deps(), deps(0, 3), deps(1), deps(2), deps(3)));

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Circular dependency")
                .hasMessageContaining("\"Task 1\"").hasMessageContaining("\"Task 2\"").hasMessageContaining("\"Task 3\"")
                .message().doesNotContain("Task 0").doesNotContain("Task 4");
        assertThat(h.count("tasks")).isZero();
        assertThat(h.plans.get(h.owner, plan.id()).status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(h.projects.get(h.owner, plan.projectId()).status()).isEqualTo(ProjectStatus.PLANNED);
    }

    @Test
    void nonNumericOutOfRangeSelfAndDuplicateReferencesBecomeNamedWarnings() {
        Plan plan = h.draft(PlanningHarness.doc(deps(), deps("setup", 9, 1, 0, "0"), deps(-1)));

        Decomposer.Approval approval = h.decomposer.approve(h.owner, plan.id());

        Map<String, List<String>> byCode = h.plans.get(h.owner, plan.id()).warnings().stream()
                .collect(Collectors.groupingBy(PlanWarning::code, Collectors.mapping(PlanWarning::reference, Collectors.toList())));
        assertThat(byCode).containsOnlyKeys(PlanWarning.NON_NUMERIC, PlanWarning.OUT_OF_RANGE, PlanWarning.SELF, PlanWarning.DUPLICATE);
        assertThat(byCode.get(PlanWarning.NON_NUMERIC)).containsExactly("setup");
        assertThat(byCode.get(PlanWarning.OUT_OF_RANGE)).containsExactlyInAnyOrder("9", "-1");
        assertThat(byCode.get(PlanWarning.SELF)).containsExactly("1");
        assertThat(byCode.get(PlanWarning.DUPLICATE)).containsExactly("0");
        assertThat(approval.warnings()).hasSize(5);
        assertThat(h.tasks.get(h.owner, approval.taskIds().get(1)).dependsOn()).containsExactly(approval.taskIds().get(0));
        assertThat(h.tasks.get(h.owner, approval.taskIds().get(2)).task().status().name()).isEqualTo("PENDING");
    }

    @Test
    void warningsAreKeptOnThePlanEvenWhenACycleRefusesApproval() {
        Plan plan = h.draft(PlanningHarness.doc(deps(1, "later"), deps(0)));

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id())).isInstanceOf(ValidationException.class);

        assertThat(h.plans.get(h.owner, plan.id()).warnings()).extracting(PlanWarning::code).containsExactly(PlanWarning.NON_NUMERIC);
    }

    @Test
    void aCrashHalfWayThroughTheWriteLeavesNothing() {
        Plan plan = h.draft(PlanningHarness.doc(deps(), deps(0), deps(1), deps(2), deps(3), deps(4)));
        h.decomposer.afterTaskInsert(i -> {
            if (i == 2) {
                throw new IllegalStateException("simulated crash after half the inserts");
            }
        });

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id())).hasMessageContaining("simulated crash");

        assertThat(h.count("tasks")).isZero();
        assertThat(h.count("task_deps")).isZero();
        assertThat(h.plans.get(h.owner, plan.id()).status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(h.projects.get(h.owner, plan.projectId()).status()).isEqualTo(ProjectStatus.PLANNED);

        h.decomposer.afterTaskInsert(i -> { });
        assertThat(h.decomposer.approve(h.owner, plan.id()).taskIds()).hasSize(6);
    }

    @Test
    void aSupersededPlanCannotBeApproved() {
        Plan older = h.draft(PlanningHarness.doc(deps()));
        new PlanStore(h.db).insertDraft("newer", older.projectId(), PlanningHarness.doc(deps()), null, List.of(), "scripted",
                "planner-model", h.clock.instant());

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, older.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("superseded");
    }

    @Test
    void anotherUserCannotApprove() {
        Plan plan = h.draft(PlanningHarness.doc(deps()));
        assertThatThrownBy(() -> h.decomposer.approve(TestDb.insertUser(h.db, Role.USER), plan.id()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(h.count("tasks")).isZero();
    }

    @Test
    void approvalNeedsAPlannedProjectAndNamesItsState() {
        Plan plan = h.draft(PlanningHarness.doc(deps()));
        h.projects.table().setStatus(plan.projectId(), ProjectStatus.PLANNING);

        assertThatThrownBy(() -> h.decomposer.approve(h.owner, plan.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("PLANNING");
    }
}
