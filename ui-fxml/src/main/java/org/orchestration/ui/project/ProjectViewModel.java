package org.orchestration.ui.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.execution.LiveEvent;
import org.orchestration.core.execution.LogLine;
import org.orchestration.core.execution.RunFeed;
import org.orchestration.core.execution.RunSnapshot;
import org.orchestration.core.execution.RunSnapshots;
import org.orchestration.core.execution.RunTask;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.PlanReview;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.planning.PlannedTask;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.core.projects.ProjectDetail;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.FrameCoalescer;
import org.orchestration.ui.common.FrameScheduler;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One project: requirements (bounded, counted), plan generation (busy, cancellable), plan
 * review (forecast, warnings, inline edits with validation, approve) and the live run (tasks
 * by state, controls, log, tokens and cost, budget gauge). Live events are coalesced to one
 * update per frame.
 */
public final class ProjectViewModel implements AutoCloseable {

    public static final int MAX_LOG_LINES = 500;
    private static final int DEFAULT_MAX_REQUIREMENTS = AppConfig.Planning.DEFAULT_MAX_REQUIREMENTS_CHARS;
    /** Live updates are applied at most once per frame and at most ten times a second. */
    public static final long LIVE_UPDATE_INTERVAL_NANOS = 100_000_000L;
    public static final Set<String> COMPLEXITIES = Set.of("simple", "medium", "complex");
    private static final Logger LOG = LoggerFactory.getLogger(ProjectViewModel.class);

    private final ProjectService projects;
    private final PlanReview planning;
    private final Executor executor;
    private final RunSnapshots snapshots;
    private final RunFeed feed;
    private final Session session;
    private final UiTasks tasks;
    private final FrameCoalescer<LiveEvent> coalescer;

    private String projectId;
    private AutoCloseable subscription;
    private CancellationToken generation;

    // Properties
    private final Loadable<ProjectDetail> project;
    private final ReadOnlyObjectWrapper<ProjectStatus> status = new ReadOnlyObjectWrapper<>(ProjectStatus.DRAFT);
    private final ReadOnlyObjectWrapper<ProjectStage> stage = new ReadOnlyObjectWrapper<>(ProjectStage.REQUIREMENTS);
    private final StringProperty requirements = new SimpleStringProperty("");
    /** The project's tags as typed: comma-separated; the engine trims, bounds and de-duplicates them. */
    private final StringProperty tags = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper requirementsCounter = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper requirementsTooLong = new ReadOnlyBooleanWrapper();
    /** The engine's limit, from the loaded project (its default until then). */
    private final ReadOnlyIntegerWrapper maxRequirements = new ReadOnlyIntegerWrapper(DEFAULT_MAX_REQUIREMENTS);
    private final ReadOnlyBooleanWrapper requirementsDirty = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<PlanWithForecast> plan = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PlannedTask> planTasks = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper forecast = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<LiveTask> runTasks = FXCollections.observableArrayList();
    private final javafx.beans.property.ReadOnlyLongWrapper runVersion = new javafx.beans.property.ReadOnlyLongWrapper();
    private final ObservableList<LogLine> log = FXCollections.observableArrayList();
    private final ReadOnlyLongWrapper spent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper budget = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper budgetFraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper budgetText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private String savedRequirements = "";
    // Read-only views created once: a fresh wrapper per call could be collected with its listeners.
    private final ObservableList<PlannedTask> planTasksView = FXCollections.unmodifiableObservableList(planTasks);
    private final ObservableList<String> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private final ObservableList<LiveTask> runTasksView = FXCollections.unmodifiableObservableList(runTasks);
    private final ObservableList<LogLine> logView = FXCollections.unmodifiableObservableList(log);

    public ProjectViewModel(ProjectService projects, PlanReview planning, Executor executor, RunSnapshots snapshots,
                            RunFeed feed, Session session, UiTasks tasks, FrameScheduler frames) {
        this.projects = projects;
        this.planning = planning;
        this.executor = executor;
        this.snapshots = snapshots;
        this.feed = feed;
        this.session = session;
        this.tasks = tasks;
        this.project = new Loadable<>(tasks, p -> false);
        this.coalescer = new FrameCoalescer<>(frames, this::apply, LIVE_UPDATE_INTERVAL_NANOS, System::nanoTime);
        requirementsCounter.bind(Bindings.createStringBinding(
                () -> String.format("%,d / %,d", requirements.get().length(), maxRequirements.get()), requirements, maxRequirements));
        requirementsTooLong.bind(Bindings.createBooleanBinding(
                () -> requirements.get().length() > maxRequirements.get(), requirements, maxRequirements));
        requirements.addListener((o, a, b) -> requirementsDirty.set(!b.equals(savedRequirements)));
        project.dataProperty().addListener((o, a, p) -> {
            if (p != null) {
                maxRequirements.set(p.maxRequirementsChars());
                savedRequirements = p.requirements();
                requirements.set(p.requirements());
                requirementsDirty.set(false);
                tags.set(String.join(", ", p.tags()));
                setStatus(p.status());
                spent.set(p.spentMicros());
                budget.set(p.budgetMicros());
                updateBudget();
            }
        });
    }

    // Properties

    public Loadable<ProjectDetail> project() { return project; }
    public ReadOnlyObjectProperty<ProjectStatus> statusProperty() { return status.getReadOnlyProperty(); }
    public ProjectStatus getStatus() { return status.get(); }
    public ReadOnlyObjectProperty<ProjectStage> stageProperty() { return stage.getReadOnlyProperty(); }
    public ProjectStage getStage() { return stage.get(); }
    public StringProperty requirementsProperty() { return requirements; }
    public StringProperty tagsProperty() { return tags; }
    public ReadOnlyStringProperty requirementsCounterProperty() { return requirementsCounter.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty requirementsTooLongProperty() { return requirementsTooLong.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty requirementsDirtyProperty() { return requirementsDirty.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty generatingProperty() { return generating.getReadOnlyProperty(); }
    public boolean isGenerating() { return generating.get(); }
    public ReadOnlyObjectProperty<PlanWithForecast> planProperty() { return plan.getReadOnlyProperty(); }
    public PlanWithForecast getPlan() { return plan.get(); }
    public ObservableList<PlannedTask> planTasks() { return planTasksView; }
    public ObservableList<String> warnings() { return warningsView; }
    public ReadOnlyStringProperty forecastProperty() { return forecast.getReadOnlyProperty(); }
    /** The last action's outcome or error, as a sentence. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }
    public ObservableList<LiveTask> runTasks() { return runTasksView; }
    /** Increases whenever any run row changed (the graph redraws on it). */
    public ReadOnlyLongProperty runVersionProperty() { return runVersion.getReadOnlyProperty(); }
    public ObservableList<LogLine> log() { return logView; }
    public ReadOnlyLongProperty spentProperty() { return spent.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty budgetFractionProperty() { return budgetFraction.getReadOnlyProperty(); }
    public ReadOnlyStringProperty budgetTextProperty() { return budgetText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }

    public boolean canGenerate() {
        return !generating.get() && !requirements.get().isBlank() && !requirementsTooLong.get()
                && (status.get() == ProjectStatus.DRAFT || status.get() == ProjectStatus.PLANNED);
    }

    public boolean canApprove() {
        return plan.get() != null && plan.get().status() == PlanStatus.DRAFT && !generating.get();
    }

    public boolean canStart() { return status.get() == ProjectStatus.READY; }
    public boolean canPause() { return status.get() == ProjectStatus.RUNNING; }
    public boolean canResume() { return status.get() == ProjectStatus.PAUSED; }
    public boolean canCancel() { return status.get() == ProjectStatus.RUNNING || status.get() == ProjectStatus.PAUSED; }

    // Commands

    public void open(String id) {
        close();
        this.projectId = id;
        project.load(() -> projects.detail(session.user(), id));
        tasks.create(() -> planning.current(session.user(), id))
                .onSuccess(p -> p.ifPresent(this::showPlan))
                .onError(e -> { }) // the project load reports the error
                .start();
        subscription = subscribe(id);
        refreshRun();
    }

    private AutoCloseable subscribe(String id) {
        try {
            return feed.follow(session.user(), id, coalescer::offer);
        } catch (RuntimeException e) {
            message.set(tasks.errors().messageFor(e));
            return () -> { };
        }
    }

    /** Saves the tags as typed (comma-separated); the field then shows them as the engine stored them. */
    public void saveTags() {
        List<String> typed = Arrays.stream(tags.get().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        tasks.create(() -> projects.update(session.user(), projectId, ProjectPatch.tags(typed)))
                .onSuccess(p -> {
                    tags.set(String.join(", ", p.tags()));
                    message.set(p.tags().isEmpty() ? "Tags cleared." : "Tags saved.");
                })
                .onError(message::set)
                .start();
    }

    public void saveRequirements() {
        if (requirementsTooLong.get()) {
            message.set(String.format("Requirements can have at most %,d characters.", maxRequirements.get()));
            return;
        }
        String text = requirements.get();
        tasks.run(() -> projects.update(session.user(), projectId, ProjectPatch.requirements(text)))
                .onSuccess(v -> {
                    savedRequirements = text;
                    requirementsDirty.set(!requirements.get().equals(text));
                    message.set("Requirements saved.");
                })
                .onError(message::set)
                .start();
    }

    public void generatePlan() {
        if (!canGenerate()) {
            message.set(requirements.get().isBlank() ? "Write the requirements first." : "A plan cannot be generated now.");
            return;
        }
        String text = requirements.get();
        CancellationToken token = new CancellationToken();
        generation = token;
        generating.set(true);
        setStatus(ProjectStatus.PLANNING);
        message.set("Generating a plan…");
        tasks.create(() -> {
                    projects.update(session.user(), projectId, ProjectPatch.requirements(text));
                    return planning.generate(session.user(), projectId, token);
                })
                .onSuccess(p -> {
                    savedRequirements = text;
                    requirementsDirty.set(false);
                    showPlan(p);
                    setStatus(ProjectStatus.PLANNED);
                    message.set("Plan ready: review it, then approve.");
                })
                .onError(m -> {
                    setStatus(plan.get() != null ? ProjectStatus.PLANNED : ProjectStatus.DRAFT);
                    message.set(token.isCancelled() ? "Plan generation cancelled." : m);
                })
                .onFinally(() -> generating.set(false))
                .start();
    }

    public void cancelGeneration() {
        if (generation != null) {
            generation.cancel();
        }
    }

    /** Validates an inline edit; "" when fine, else the sentence to show beside the field. */
    public static String validateEdit(TaskEdit edit) {
        if (edit.title() == null || edit.title().isBlank()) {
            return "A task needs a title.";
        }
        try {
            // the plan editor's own bounds, so the window and the API refuse alike
            Bounds.taskTitle(edit.title());
            Bounds.taskDescription(edit.description());
        } catch (ValidationException e) {
            return e.getMessage();
        }
        if (!COMPLEXITIES.contains(edit.complexity())) {
            return "Complexity is simple, medium or complex.";
        }
        return "";
    }

    /**
     * Returns the validation problem ("" if none); the save itself reports through {@link #messageProperty()}.
     *
     * @param index the task's 0-based position in the plan ({@link PlannedTask#index()})
     */
    public String editTask(int index, TaskEdit edit) {
        String problem = validateEdit(edit);
        if (!problem.isEmpty() || plan.get() == null) {
            message.set(problem);
            return problem;
        }
        String planId = plan.get().id();
        tasks.create(() -> planning.editTask(session.user(), planId, index, edit))
                .onSuccess(p -> {
                    showPlan(p);
                    message.set("Task updated.");
                })
                .onError(message::set)
                .start();
        return "";
    }

    public void approve() {
        if (!canApprove()) {
            message.set("There is no draft plan to approve.");
            return;
        }
        String planId = plan.get().id();
        tasks.create(() -> planning.approve(session.user(), planId))
                .onSuccess(approved -> {
                    showPlan(approved);
                    setStatus(ProjectStatus.READY);
                    message.set("Plan approved. Start the run when you are ready.");
                    refreshRun();
                })
                .onError(message::set)
                .start();
    }

    public void start() { control(() -> executor.start(session.user(), projectId), "Run started."); }
    public void pause() { control(() -> executor.pause(session.user(), projectId), "Pausing…"); }
    public void resume() { control(() -> executor.resume(session.user(), projectId), "Resumed."); }
    public void cancelRun() { control(() -> executor.cancel(session.user(), projectId), "Run cancelled."); }

    private void control(UiTasks.ThrowingRunnable action, String done) {
        tasks.run(action).onSuccess(v -> {
            message.set(done);
            refreshRun();
        }).onError(message::set).start();
    }

    public void refreshRun() {
        String id = projectId;
        tasks.create(() -> snapshots.snapshot(session.user(), id))
                .onSuccess(this::showRun)
                .onError(e -> { })
                .start();
    }

    private void showRun(RunSnapshot s) {
        List<String> ids = runTasks.stream().map(LiveTask::id).toList();
        if (ids.equals(s.tasks().stream().map(RunTask::id).toList())) {
            for (int i = 0; i < runTasks.size(); i++) {
                runTasks.get(i).set(s.tasks().get(i));
            }
        } else {
            runTasks.setAll(s.tasks().stream().map(LiveTask::new).toList());
        }
        runVersion.set(runVersion.get() + 1);
        log.setAll(s.recentLog().size() > MAX_LOG_LINES
                ? s.recentLog().subList(s.recentLog().size() - MAX_LOG_LINES, s.recentLog().size()) : s.recentLog());
        spent.set(s.spentMicros());
        budget.set(s.budgetMicros());
        setStatus(s.status());
        updateBudget();
        updateProgress();
    }

    private void showPlan(PlanWithForecast p) {
        plan.set(p);
        planTasks.setAll(p.plannedTasks());
        warnings.setAll(p.warningMessages());
        forecast.set("Forecast " + Format.moneyRange(p.forecast().lowMicros(), p.forecast().highMicros()) + " for "
                + p.body().tasks().size() + " tasks");
    }

    private void setStatus(ProjectStatus s) {
        status.set(s);
        stage.set(ProjectStage.of(s));
    }

    private void updateBudget() {
        long b = budget.get();
        budgetFraction.set(b <= 0 ? 0 : Math.min(1.0, (double) spent.get() / b));
        budgetText.set(b <= 0 ? Format.money(spent.get()) + " spent (no limit)"
                : Format.money(spent.get()) + " of " + Format.money(b));
    }

    private void updateProgress() {
        long done = runTasks.stream().filter(t -> t.getRow().status() == TaskStatus.COMPLETED).count();
        progressText.set(done + " of " + runTasks.size() + " tasks done");
    }

    /** Applies a frame's worth of events: one list update per task, not one per event. */
    void apply(List<LiveEvent> batch) {
        Map<String, RunTask> changed = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runTasks.size(); i++) {
            index.put(runTasks.get(i).id(), i);
        }
        List<LogLine> newLines = new ArrayList<>();
        ProjectStatus newStatus = null;
        for (LiveEvent live : batch) {
            if (live instanceof LiveEvent.Spend spend) {
                spent.set(spend.spentMicros());
                continue;
            }
            StoredEvent stored = ((LiveEvent.Engine) live).stored();
            EngineEvent e = stored.event();
            if (e instanceof TaskStatusChanged s) {
                RunTask row = current(s.taskId(), changed, index);
                if (row != null) {
                    changed.put(s.taskId(), row.withStatus(s.status()));
                }
            } else if (e instanceof TaskProgress p) {
                RunTask row = current(p.taskId(), changed, index);
                if (row != null) {
                    changed.put(p.taskId(), row.withUsage(p.inputTokens(), p.outputTokens(), p.costMicros()));
                }
            } else if (e instanceof ProjectStatusChanged p) {
                newStatus = p.status();
            } else if (e instanceof LogMessage m) {
                newLines.add(new LogLine(stored.at(), m.level() == null ? "info" : m.level(), m.taskId(),
                        m.message() == null ? "" : m.message()));
            }
        }
        if (!changed.isEmpty()) {
            // rows change in place: only their cells redraw; the graph redraws once per batch
            changed.forEach((id, row) -> runTasks.get(index.get(id)).set(row));
            runVersion.set(runVersion.get() + 1);
        }
        if (!newLines.isEmpty()) {
            log.addAll(newLines);
            if (log.size() > MAX_LOG_LINES) {
                log.remove(0, log.size() - MAX_LOG_LINES);
            }
        }
        if (newStatus != null) {
            boolean tasksAppeared = newStatus == ProjectStatus.READY && runTasks.isEmpty();
            setStatus(newStatus);
            if (newStatus.isTerminal()) {
                message.set("Run " + newStatus.name().toLowerCase(Locale.ROOT) + ".");
            }
            if (newStatus.isTerminal() || tasksAppeared) {
                refreshRun(); // authoritative totals at the end
            }
        }
        updateBudget();
        updateProgress();
    }

    private RunTask current(String taskId, Map<String, RunTask> changed, Map<String, Integer> index) {
        if (taskId == null) {
            return null;
        }
        RunTask row = changed.get(taskId);
        if (row != null) {
            return row;
        }
        Integer i = index.get(taskId);
        return i == null ? null : runTasks.get(i).getRow();
    }

    /** Unsubscribes and cancels a running generation's callbacks. */
    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribe failed", e);
            }
            subscription = null;
        }
    }
}
