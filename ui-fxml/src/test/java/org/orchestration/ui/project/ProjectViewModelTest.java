package org.orchestration.ui.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.Event;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.ui.testing.Stubs;

class ProjectViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final Session session = Stubs.signedIn(backend);
    private final Queue<Runnable> frames = new ArrayDeque<>();
    private final ProjectViewModel vm = new ProjectViewModel(backend, backend, backend, backend, session,
            Stubs.directTasks(new ErrorFunnel()), frames::add);
    private final String projectId = backend.create(session.user(), "Weather CLI").id();

    @AfterEach
    void close() {
        vm.close();
        backend.close();
    }

    @Test
    void aTaskEditIsCheckedByThePlanEditorsOwnBounds() {
        assertThat(ProjectViewModel.validateEdit(new TaskEdit("t".repeat(Bounds.TASK_TITLE_MAX), "", "simple"))).isEmpty();
        assertThat(ProjectViewModel.validateEdit(new TaskEdit("t".repeat(Bounds.TASK_TITLE_MAX + 1), "", "simple")))
                .startsWith("title must be at most " + Bounds.TASK_TITLE_MAX + " characters");
        assertThat(ProjectViewModel.validateEdit(new TaskEdit("ok", "d".repeat(Bounds.TASK_DESCRIPTION_MAX + 1), "simple")))
                .startsWith("description must be at most " + Bounds.TASK_DESCRIPTION_MAX + " characters");
    }

    @Test
    void opensInTheRequirementsStageWithACounter() {
        vm.open(projectId);
        assertThat(vm.project().getState()).isEqualTo(LoadState.DATA);
        assertThat(vm.getStage()).isEqualTo(ProjectStage.REQUIREMENTS);
        vm.requirementsProperty().set("abc");
        assertThat(vm.requirementsCounterProperty().get()).isEqualTo("3 / 50,000");
        assertThat(vm.requirementsDirtyProperty().get()).isTrue();
    }

    @Test
    void requirementsOverTheBoundCannotBeSavedOrPlanned() {
        vm.open(projectId);
        vm.requirementsProperty().set("x".repeat(50_001));
        assertThat(vm.requirementsTooLongProperty().get()).isTrue();
        assertThat(vm.canGenerate()).isFalse();
        vm.saveRequirements();
        assertThat(vm.getMessage()).isEqualTo("Requirements can have at most 50,000 characters.");
    }

    @Test
    void generatingAPlanShowsItsTasksForecastAndWarnings() {
        vm.open(projectId);
        vm.requirementsProperty().set("Build a small weather CLI.");
        vm.generatePlan();
        assertThat(vm.getStage()).isEqualTo(ProjectStage.PLAN_REVIEW);
        assertThat(vm.planTasks()).hasSize(4);
        assertThat(vm.forecastProperty().get()).startsWith("Forecast $").endsWith("for 4 tasks");
        assertThat(vm.warnings()).contains("The requirements are short; the plan may miss details.");
        assertThat(vm.isGenerating()).isFalse();
    }

    @Test
    void cancellingGenerationReturnsToRequirementsWithASentence() {
        Queue<Runnable> background = new ArrayDeque<>();
        ProjectViewModel slow = new ProjectViewModel(backend, backend, backend, backend, session,
                new UiTasks(UiExecutor.of(background::add, Runnable::run), new ErrorFunnel()), frames::add);
        slow.open(projectId);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        slow.requirementsProperty().set("Build a small weather CLI.");
        slow.generatePlan();
        assertThat(slow.isGenerating()).isTrue();
        slow.cancelGeneration();
        background.poll().run();
        assertThat(slow.isGenerating()).isFalse();
        assertThat(slow.getMessage()).isEqualTo("Plan generation cancelled.");
        assertThat(slow.getStatus()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void anInlineEditWithoutATitleIsRejectedInTheViewModel() {
        planned();
        int key = vm.planTasks().get(0).index();
        assertThat(vm.editTask(key, new TaskEdit(" ", "d", "simple"))).isEqualTo("A task needs a title.");
        assertThat(vm.editTask(key, new TaskEdit("T", "d", "huge"))).isEqualTo("Complexity is simple, medium or complex.");
    }

    @Test
    void aValidInlineEditUpdatesThePlan() {
        planned();
        int key = vm.planTasks().get(0).index();
        assertThat(vm.editTask(key, new TaskEdit("Read the weather API docs", "d", "simple"))).isEmpty();
        assertThat(vm.planTasks().get(0).title()).isEqualTo("Read the weather API docs");
    }

    @Test
    void approvingMakesTheProjectReadyWithItsTasks() {
        planned();
        vm.approve();
        assertThat(vm.getPlan().status()).isEqualTo(PlanStatus.APPROVED);
        assertThat(vm.getStatus()).isEqualTo(ProjectStatus.READY);
        assertThat(vm.runTasks()).hasSize(4);
        assertThat(vm.canStart()).isTrue();
        assertThat(vm.canApprove()).isFalse();
    }

    @Test
    void liveEventsUpdateTasksLogAndSpendInOneBatch() {
        planned();
        vm.approve();
        String taskId = vm.runTasks().get(0).id();
        vm.apply(List.of(
                event("project.status", Map.of("status", "RUNNING")),
                event("task.status", Map.of("taskId", taskId, "status", "RUNNING")),
                event("task.tokens", Map.of("taskId", taskId, "inputTokens", 100, "outputTokens", 50, "costMicros", 1050)),
                event("project.spend", Map.of("spentMicros", 5000)),
                event("log", Map.of("level", "info", "message", "Started."))));
        assertThat(vm.getStatus()).isEqualTo(ProjectStatus.RUNNING);
        assertThat(vm.runTasks().get(0).getRow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(vm.runTasks().get(0).getRow().costMicros()).isEqualTo(1050);
        assertThat(vm.log()).extracting(l -> l.message()).contains("Started.");
        assertThat(vm.budgetTextProperty().get()).startsWith("$0.0050 of");
        assertThat(vm.canPause()).isTrue();
    }

    @Test
    void aRealRunDeliversEventsThroughTheFrameQueueUntilCompleted() {
        planned();
        vm.approve();
        vm.start();
        Awaitility.await().until(() -> {
            while (!frames.isEmpty()) {
                frames.poll().run();
            }
            return vm.getStatus() == ProjectStatus.COMPLETED;
        });
        assertThat(vm.runTasks()).allMatch(t -> t.getRow().status() == TaskStatus.COMPLETED);
        assertThat(vm.progressTextProperty().get()).isEqualTo("4 of 4 tasks done");
    }

    @Test
    void aMissingProjectIsFlaggedAsNotFound() {
        vm.open("nope");
        assertThat(vm.project().isNotFound()).isTrue();
    }

    @Test
    void startingBeforeApprovalShowsTheCoresSentence() {
        vm.open(projectId);
        vm.start();
        assertThat(vm.getMessage()).isEqualTo("Approve a plan before starting.");
    }

    private void planned() {
        vm.open(projectId);
        vm.requirementsProperty().set("Build a small weather CLI.");
        vm.generatePlan();
    }

    private Event event(String type, Map<String, ?> payload) {
        return new Event(1, projectId, type, Json.mapper().valueToTree(payload), Instant.now());
    }
}
