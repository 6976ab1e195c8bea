package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestration.core.planning.PlanningHarness.deps;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.testing.TestDb;

class PlanEditorTest extends PlanningTestBase {
    Plan plan;

    @BeforeEach
    void draftAPlan() {
        plan = h.draft(PlanningHarness.doc(deps(), deps(0), deps(1)));
    }

    private static String field(Throwable e) {
        return ((ValidationException) e).field().orElse("");
    }

    @Test
    void editsAreStoredInThePlanBody() {
        h.editor.renameTask(h.owner, plan.id(), 0, "Set up the repository 🚀");
        h.editor.setDescription(h.owner, plan.id(), 0, "git init, CI");
        h.editor.setTaskType(h.owner, plan.id(), 0, "Research");
        h.editor.setComplexity(h.owner, plan.id(), 0, "COMPLEX");
        h.editor.setPriority(h.owner, plan.id(), 0, 90);
        h.editor.setModel(h.owner, plan.id(), 0, new ModelRoute("ollama", "llama3.1:8b"));

        PlanTask t = h.plans.get(h.owner, plan.id()).body().tasks().get(0);
        assertThat(t.title()).isEqualTo("Set up the repository 🚀");
        assertThat(t.description()).isEqualTo("git init, CI");
        assertThat(t.taskType()).isEqualTo("research");
        assertThat(t.complexity()).isEqualTo("complex");
        assertThat(t.priority()).isEqualTo(90);
        assertThat(t.route(h.routing)).isEqualTo(new ModelRoute("ollama", "llama3.1:8b"));

        h.editor.setModel(h.owner, plan.id(), 0, null);
        assertThat(h.plans.get(h.owner, plan.id()).body().tasks().get(0).route(h.routing).model()).isEqualTo("complex-model");
    }

    @Test
    void eachBadEditIsRefusedAtOnceNamingTheField() {
        assertThatThrownBy(() -> h.editor.renameTask(h.owner, plan.id(), 0, " ")).satisfies(e -> assertThat(field(e)).isEqualTo("title"));
        assertThatThrownBy(() -> h.editor.renameTask(h.owner, plan.id(), 0, "x".repeat(501))).satisfies(e -> assertThat(field(e)).isEqualTo("title"));
        assertThatThrownBy(() -> h.editor.setDescription(h.owner, plan.id(), 0, "x".repeat(10_001)))
                .satisfies(e -> assertThat(field(e)).isEqualTo("description"));
        assertThatThrownBy(() -> h.editor.setComplexity(h.owner, plan.id(), 0, "huge")).satisfies(e -> assertThat(field(e)).isEqualTo("complexity"));
        assertThatThrownBy(() -> h.editor.setTaskType(h.owner, plan.id(), 0, "two words")).satisfies(e -> assertThat(field(e)).isEqualTo("task_type"));
        assertThatThrownBy(() -> h.editor.setPriority(h.owner, plan.id(), 0, 101)).satisfies(e -> assertThat(field(e)).isEqualTo("priority"));
        assertThatThrownBy(() -> h.editor.setModel(h.owner, plan.id(), 0, new ModelRoute("ollama", " "))).satisfies(e -> assertThat(field(e)).isEqualTo("model"));
        assertThatThrownBy(() -> h.editor.renameTask(h.owner, plan.id(), 7, "x")).satisfies(e -> assertThat(field(e)).isEqualTo("task"));

        assertThat(h.plans.get(h.owner, plan.id()).body()).isEqualTo(plan.body());
    }

    @Test
    void aDependencyThatWouldCloseACycleIsRefusedNamingTheTasks() {
        assertThatThrownBy(() -> h.editor.addDependency(h.owner, plan.id(), 0, 2))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("\"Task 0\"").hasMessageContaining("\"Task 1\"").hasMessageContaining("\"Task 2\"");
        assertThat(h.plans.get(h.owner, plan.id()).body().tasks().get(0).dependsOn()).isEmpty();
    }

    @Test
    void selfAndRepeatedDependenciesAreRefused() {
        assertThatThrownBy(() -> h.editor.addDependency(h.owner, plan.id(), 1, 1)).hasMessageContaining("itself");
        assertThatThrownBy(() -> h.editor.addDependency(h.owner, plan.id(), 1, 0)).hasMessageContaining("already depends");
    }

    @Test
    void dependenciesCanBeAddedAndRemoved() {
        h.editor.addDependency(h.owner, plan.id(), 2, 0);
        h.editor.removeDependency(h.owner, plan.id(), 2, 1);

        assertThat(h.plans.get(h.owner, plan.id()).body().tasks().get(2).dependsOn()).containsExactly(IntNode.valueOf(0));
        assertThatThrownBy(() -> h.editor.removeDependency(h.owner, plan.id(), 2, 1)).hasMessageContaining("does not depend");
    }

    @Test
    void removingATaskDropsReferencesToItAndShiftsLaterOnes() {
        h.editor.addDependency(h.owner, plan.id(), 2, 0);

        Plan edited = h.editor.removeTask(h.owner, plan.id(), 1);

        assertThat(edited.body().tasks()).extracting(PlanTask::title).containsExactly("Task 0", "Task 2");
        assertThat(edited.body().tasks().get(1).dependsOn()).containsExactly(IntNode.valueOf(0));
    }

    @Test
    void aTaskCanBeAddedWithDependencies() {
        PlanTask extra = PlanTask.of("Write the docs", "README", "writing", "simple").withDependsOn(List.of(IntNode.valueOf(2)));

        Plan edited = h.editor.addTask(h.owner, plan.id(), extra);

        assertThat(edited.body().tasks()).hasSize(4);
        assertThat(edited.body().tasks().get(3).dependsOn()).containsExactly(IntNode.valueOf(2));
    }

    @Test
    void warningsFollowTheEdits() {
        Plan withBadRef = h.draft(PlanningHarness.doc(deps(), deps("first", 0)));
        assertThat(withBadRef.warnings()).hasSize(1);

        Plan edited = h.editor.removeTask(h.owner, withBadRef.id(), 0);

        assertThat(edited.warnings()).extracting(PlanWarning::code).containsExactly(PlanWarning.NON_NUMERIC);
        assertThat(edited.body().tasks().get(0).dependsOn()).hasSize(1);
    }

    @Test
    void anApprovedPlanCannotBeEdited() {
        h.decomposer.approve(h.owner, plan.id());
        assertThatThrownBy(() -> h.editor.renameTask(h.owner, plan.id(), 0, "late"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("APPROVED");
    }

    @Test
    void anotherUserCannotEdit() {
        assertThatThrownBy(() -> h.editor.renameTask(TestDb.insertUser(h.db, Role.USER), plan.id(), 0, "mine"))
                .isInstanceOf(ForbiddenException.class);
    }
}
