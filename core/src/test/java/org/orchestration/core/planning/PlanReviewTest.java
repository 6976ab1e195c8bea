package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.testing.TestEngine;

/** Plan review on the real engine: the plan with its forecast, one-step task edits, approval. */
class PlanReviewTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static EngineServices s;
    static PlanReview review;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        s = engine.services();
        review = new PlanReview(s.plans(), s.planner(), s.planEditor(), s.decomposer(), s.costForecast());
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String project(String name) {
        return s.projects().create(alice, name, "A small tool that greets people by name, with tests and a README.").id();
    }

    private static PlanWithForecast draft(String name) {
        return review.generate(alice, project(name), CancellationToken.none());
    }

    @Test
    void plannedTasksAreNumberedByPositionAndDependOnEarlierPositions() {
        PlanWithForecast plan = draft("Positions");

        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        List<PlannedTask> tasks = plan.plannedTasks();
        assertThat(tasks).hasSize(plan.body().tasks().size());
        for (int i = 0; i < tasks.size(); i++) {
            assertThat(tasks.get(i).index()).isEqualTo(i);
            assertThat(tasks.get(i).number()).isEqualTo(i + 1);
            assertThat(tasks.get(i).dependsOn()).isEqualTo(DependencyGraph.resolve(plan.body().tasks()).deps().get(i));
        }
        assertThat(tasks).anySatisfy(t -> assertThat(t.dependsOn()).isNotEmpty());
    }

    @Test
    void eachPlannedTaskCarriesTheCostForecastsRangeAndModel() {
        String projectId = project("Forecast");
        PlanWithForecast plan = review.generate(alice, projectId, CancellationToken.none());

        CostForecast.Forecast forecast = s.costForecast().forecast(alice, plan.id());
        assertThat(plan.forecast()).isEqualTo(forecast);
        assertThat(plan.plannedTasks()).allSatisfy(t -> {
            assertThat(t.costLowMicros()).isEqualTo(forecast.tasks().get(t.index()).lowMicros());
            assertThat(t.costHighMicros()).isEqualTo(forecast.tasks().get(t.index()).highMicros());
            assertThat(t.model()).isEqualTo(forecast.tasks().get(t.index()).model());
        });
        assertThat(review.current(alice, projectId)).contains(plan);
    }

    @Test
    void editingATaskChangesThatTaskOnlyInOneStep() {
        PlanWithForecast plan = draft("Edit");
        PlannedTask second = plan.plannedTasks().get(1);

        PlanWithForecast edited = review.editTask(alice, plan.id(), 1, new TaskEdit("Write the greeting", "Say hello.", "complex"));

        assertThat(edited.plannedTasks().get(1)).satisfies(t -> {
            assertThat(t.title()).isEqualTo("Write the greeting");
            assertThat(t.description()).isEqualTo("Say hello.");
            assertThat(t.complexity()).isEqualTo("complex");
            assertThat(t.dependsOn()).isEqualTo(second.dependsOn());
        });
        assertThat(edited.plannedTasks().get(0)).isEqualTo(plan.plannedTasks().get(0));
        assertThat(review.current(alice, edited.projectId())).contains(edited);
    }

    @Test
    void aBadFieldStoresNothingAndNamesTheField() {
        PlanWithForecast plan = draft("Bad edit");

        assertThatThrownBy(() -> review.editTask(alice, plan.id(), 0, new TaskEdit("A new title", "d", "huge")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("complexity"));
        assertThatThrownBy(() -> review.editTask(alice, plan.id(), 99, new TaskEdit("x", "y", "simple")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("task"));
        assertThat(review.current(alice, plan.projectId()).orElseThrow().body()).isEqualTo(plan.body());
    }

    @Test
    void approvingAnswersTheApprovedPlanAndEndsEditing() {
        PlanWithForecast plan = draft("Approve");

        PlanWithForecast approved = review.approve(alice, plan.id());

        assertThat(approved.status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(approved.plannedTasks()).isEqualTo(plan.plannedTasks());
        assertThatThrownBy(() -> review.editTask(alice, plan.id(), 0, new TaskEdit("Late", null, null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anotherUsersPlanIsRefused() {
        PlanWithForecast plan = draft("Not bob's");

        assertThatThrownBy(() -> review.current(bob, plan.projectId())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> review.editTask(bob, plan.id(), 0, new TaskEdit("Mine", null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> review.approve(bob, plan.id())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void tasksOnAModelWithoutAPriceAreCountedInTheWarnings() {
        PlanDocument body = new PlanDocument("s", List.of(), List.of(PlanTask.of("A", "a", "code", "simple")));
        PlanWarning dependency = new PlanWarning(PlanWarning.SELF, 0, "A", "0", "Task \"A\" depends on itself; that reference was ignored.");
        CostForecast.Forecast forecast = new CostForecast.Forecast(
                List.of(new CostForecast.TaskCost(0, "A", "anthropic", "unpriced-model", 0, 0, false)), 0, 0, 1);
        PlanWithForecast plan = new PlanWithForecast("p", "proj", 1, PlanStatus.DRAFT, body, List.of(dependency), null, null,
                Instant.EPOCH, Instant.EPOCH, null, forecast);

        assertThat(plan.warningMessages()).containsExactly(dependency.message(),
                "1 task(s) use a model without a price: they cannot run until a price is set in Settings.");
    }
}
