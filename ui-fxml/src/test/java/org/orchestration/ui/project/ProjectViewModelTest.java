package org.orchestration.ui.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Queue;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.execution.LiveEvent;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.LoadState;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.ui.testing.UiEngine;

class ProjectViewModelTest {

    /** Two bullets: the Simulated planner answers analyse, one task per bullet, review (4 tasks). */
    private static final String REQUIREMENTS = "- Build a small weather CLI.\n- Show a three-day forecast.";

    @TempDir
    static Path dir;
    static UiEngine engine;
    static EngineServices services;

    private final Session session = new Session();
    private final Queue<Runnable> frames = new ArrayDeque<>();
    private ProjectViewModel vm;
    private String projectId;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
        engine.engine.settings.put(ProjectService.DEFAULT_BUDGET_KEY, 5_000_000L); // new projects get a $5 budget
        services = engine.engine.services();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void newProject() {
        session.signIn(engine.engine.owner());
        vm = viewModel(new UiTasks(UiExecutor.direct(), new ErrorFunnel()));
        projectId = engine.engine.services().projects().create(session.user(), "Weather CLI", "").id();
    }

    private ProjectViewModel viewModel(UiTasks tasks) {
        return new ProjectViewModel(services.projects(), services.planReview(), services.executor(), services.runSnapshots(),
                services.runFeed(), session, tasks, frames::add);
    }

    @AfterEach
    void close() {
        vm.close();
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
        vm.requirementsProperty().set(REQUIREMENTS);
        vm.generatePlan();
        assertThat(vm.getStage()).isEqualTo(ProjectStage.PLAN_REVIEW);
        assertThat(vm.planTasks()).hasSize(4);
        assertThat(vm.forecastProperty().get()).startsWith("Forecast $").endsWith("for 4 tasks");
        assertThat(vm.warnings()).isEmpty(); // every Simulated task is priced ($0)
        assertThat(vm.isGenerating()).isFalse();

        // the engine warns about tasks whose model has no price: route the two analysis tasks to one
        SettingsStore settings = engine.engine.settings;
        settings.put(ModelRouter.MODE_KEY, "live");
        settings.put(ModelRouter.ROUTING_KEY, Json.mapper().createObjectNode().set("task_types", Json.mapper().createObjectNode()
                .set("analysis", Json.mapper().createObjectNode().put("provider", "anthropic").put("model", "claude-unpriced-9"))));
        try {
            vm.open(projectId);
            assertThat(vm.getStage()).isEqualTo(ProjectStage.PLAN_REVIEW);
            assertThat(vm.warnings())
                    .contains("2 task(s) use a model without a price: they cannot run until a price is set in Settings.");
        } finally {
            settings.remove(ModelRouter.ROUTING_KEY);
            settings.put(ModelRouter.MODE_KEY, "simulated");
        }
    }

    @Test
    void cancellingGenerationReturnsToRequirementsWithASentence() {
        Queue<Runnable> background = new ArrayDeque<>();
        ProjectViewModel slow = viewModel(new UiTasks(UiExecutor.of(background::add, Runnable::run), new ErrorFunnel()));
        slow.open(projectId);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        slow.requirementsProperty().set(REQUIREMENTS);
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
                event(ProjectStatusChanged.to(projectId, ProjectStatus.RUNNING)),
                event(TaskStatusChanged.of(projectId, taskId, null, TaskStatus.RUNNING, null)),
                event(new TaskProgress(projectId, taskId, 1, 1, 100, 50, 1050, 1050)),
                new LiveEvent.Spend(projectId, 5000),
                event(new LogMessage(projectId, "info", "Started.", null))));
        assertThat(vm.getStatus()).isEqualTo(ProjectStatus.RUNNING);
        assertThat(vm.runTasks().get(0).getRow().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(vm.runTasks().get(0).getRow().costMicros()).isEqualTo(1050);
        assertThat(vm.log()).extracting(l -> l.message()).contains("Started.");
        assertThat(vm.budgetTextProperty().get()).startsWith("$0.0050 of $5.00");
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
    void tagsAreSavedAsTheEngineStoresThemAndABadListIsRefusedWithItsMessage() {
        vm.open(projectId);
        assertThat(vm.tagsProperty().get()).isEmpty();

        vm.tagsProperty().set(" research ,  Client   work, RESEARCH,, ");
        vm.saveTags();

        assertThat(vm.getMessage()).isEqualTo("Tags saved.");
        assertThat(vm.tagsProperty().get()).isEqualTo("research, Client work");
        assertThat(services.projects().get(session.user(), projectId).tags()).containsExactly("research", "Client work");
        vm.open(projectId);
        assertThat(vm.tagsProperty().get()).isEqualTo("research, Client work");

        vm.tagsProperty().set(String.join(",", IntStream.rangeClosed(1, Bounds.PROJECT_TAGS_MAX + 1).mapToObj(i -> "t" + i).toList()));
        vm.saveTags();
        assertThat(vm.getMessage()).isEqualTo("tags must have at most 10 entries (got 11).");
        assertThat(services.projects().get(session.user(), projectId).tags()).containsExactly("research", "Client work");

        vm.tagsProperty().set("");
        vm.saveTags();
        assertThat(vm.getMessage()).isEqualTo("Tags cleared.");
        assertThat(services.projects().get(session.user(), projectId).tags()).isEmpty();
    }

    @Test
    void startingBeforeApprovalShowsTheCoresSentence() {
        vm.open(projectId);
        vm.start();
        assertThat(vm.getMessage()).isEqualTo("The project is DRAFT; only a READY or PAUSED project can be started.");
    }

    private void planned() {
        vm.open(projectId);
        vm.requirementsProperty().set(REQUIREMENTS);
        vm.generatePlan();
    }

    private static LiveEvent event(EngineEvent e) {
        return new LiveEvent.Engine(new StoredEvent(1, Instant.now(), e));
    }
}
