package org.orchestration.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.budget.SpendGate;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.ConcurrencyChanged;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.ProviderAvailability;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tasks.TaskStore;
import org.orchestration.core.tools.ToolCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs projects' task graphs: the run control (start, pause, resume, cancel, retry, concurrency,
 * start-up recovery and shutdown) in front of {@link Dispatcher} (ready queues, slots, wake-ups),
 * which runs each attempt with {@link TaskAttempt}.
 *
 * <p><b>Event-driven dispatch.</b> There is no polling tick: a completion queues its dependents
 * and its freed slot dispatches the best ready task at once. At most {@code execution.concurrency}
 * attempts run at once (changeable at run time by an admin, applied at the next dispatch). A
 * transient provider error returns the task to PENDING with a persisted {@code retry_after} and
 * frees its slot; a scheduled wake-up queues it again — no thread ever sleeps through a backoff. A
 * task that cannot reserve budget stays PENDING with wait reason "budget" and is queued again
 * whenever budget may have become free (a reservation released, limits changed) and at least every
 * {@link Dispatcher#BUDGET_RECHECK}.
 *
 * <p><b>States.</b> Every transition names the state and attempt it expects, so a late worker never undoes a
 * cancel. A project reaches COMPLETED or FAILED by itself when nothing can run any more.
 *
 * <p><b>Crash safety.</b> {@link #recover()} at start-up returns RUNNING tasks to PENDING and
 * carries on RUNNING projects (or pauses them when {@code execution.resume_on_start} is false).
 * Usage rows are keyed by task, attempt and round, so nothing is counted twice.
 */
public final class Executor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Executor.class);

    /** How often a task whose provider is down is tried again, by default. */
    public static final Duration PROVIDER_RECHECK = Duration.ofSeconds(15);

    private final Database db;
    private final AppConfig config;
    private final EventPublisher events;
    private final ExecutionSettings settings;
    private final SettingsStore settingsStore;
    private final TaskStore store;
    private final Dispatcher dispatcher;

    public Executor(Database db, SettingsStore settings, AppConfig config, Clock clock, Function<String, ChatProvider> providers,
                    PriceBook prices, ToolCatalog tools, SpendGate budget, EventPublisher events) {
        this(db, settings, config, clock, providers, prices, tools, budget, events, ProviderAvailability.ALWAYS, PROVIDER_RECHECK);
    }

    /**
     * With provider health: a task whose provider is down waits PENDING with wait reason
     * "provider" (one {@code task.waiting} event) and is tried again every {@code providerRecheck},
     * instead of failing.
     */
    public Executor(Database db, SettingsStore settings, AppConfig config, Clock clock, Function<String, ChatProvider> providers,
                    PriceBook prices, ToolCatalog tools, SpendGate budget, EventPublisher events,
                    ProviderAvailability availability, Duration providerRecheck) {
        this.db = db;
        this.config = config;
        this.events = events;
        this.settingsStore = settings;
        this.settings = new ExecutionSettings(settings, config.execution());
        this.store = new TaskStore(db, events, clock);
        TaskRunner runner = new TaskRunner(store, providers, prices, tools, budget, config.workspacesDir(), availability);
        TaskAttempt attempts = new TaskAttempt(store, runner, this.settings, clock, providerRecheck);
        this.dispatcher = new Dispatcher(db, store, attempts, clock, this.settings.concurrency());
        if (budget instanceof BudgetManager manager) {
            manager.onBudgetFreed(this::budgetMayBeFree);
        }
    }

    /** Same, with the providers given by id. */
    public Executor(Database db, SettingsStore settings, AppConfig config, Clock clock, Map<String, ChatProvider> providers,
                    PriceBook prices, ToolCatalog tools, SpendGate budget, EventPublisher events) {
        this(db, settings, config, clock, Map.copyOf(providers)::get, prices, tools, budget, events);
    }

    // ------------------------------------------------------------------ public API

    /**
     * Start-up recovery (call once, before anything else): every RUNNING task returns to PENDING;
     * RUNNING projects carry on, or become PAUSED when {@code execution.resume_on_start} is false.
     *
     * @return the ids of the projects that were carried on
     */
    public List<String> recover() {
        int tasks = store.recoverTasks();
        List<String> projects = store.projectsIn(ProjectStatus.RUNNING);
        boolean resume = settings.resumeOnStart();
        List<String> resumed = new ArrayList<>();
        for (String p : projects) {
            if (resume) {
                dispatcher.activate(p);
                resumed.add(p);
            } else {
                store.setProjectStatus(p, ProjectStatus.PAUSED, "Paused after a restart; resume it when you are ready.", ProjectStatus.RUNNING);
            }
        }
        if (tasks > 0 || !projects.isEmpty()) {
            log.info("Recovered {} interrupted task(s); {} running project(s) {}", tasks, projects.size(), resume ? "resumed" : "paused");
        }
        return resumed;
    }

    /**
     * Starts a READY (or resumes a PAUSED) project.
     *
     * @throws NotFoundException when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the user is neither owner nor admin
     * @throws ConflictException when the project is in another state
     */
    public void start(User user, String projectId) {
        requireOwner(user, projectId);
        if (!store.setProjectStatus(projectId, ProjectStatus.RUNNING, null, ProjectStatus.READY, ProjectStatus.PAUSED)) {
            throw new ConflictException("The project is " + status(projectId) + "; only a READY or PAUSED project can be started.");
        }
        dispatcher.activate(projectId);
    }

    /**
     * Pauses a RUNNING project: nothing new is dispatched, running tasks finish.
     *
     * @throws ConflictException when the project is not RUNNING (plus NotFound/Forbidden as {@link #start})
     */
    public void pause(User user, String projectId) {
        requireOwner(user, projectId);
        // stop dispatching first, so nothing slips out between the status change and the flag
        Boolean wasPaused = dispatcher.setPaused(projectId, true);
        if (!store.setProjectStatus(projectId, ProjectStatus.PAUSED, "Paused by " + user.displayName() + ".", ProjectStatus.RUNNING)) {
            if (wasPaused != null) {
                dispatcher.setPaused(projectId, wasPaused);
            }
            throw new ConflictException("The project is " + status(projectId) + "; only a RUNNING project can be paused.");
        }
    }

    /**
     * Resumes a PAUSED project.
     *
     * @throws ConflictException when the project is not PAUSED (plus NotFound/Forbidden as {@link #start})
     */
    public void resume(User user, String projectId) {
        requireOwner(user, projectId);
        if (!store.setProjectStatus(projectId, ProjectStatus.RUNNING, null, ProjectStatus.PAUSED)) {
            throw new ConflictException("The project is " + status(projectId) + "; only a PAUSED project can be resumed.");
        }
        dispatcher.activate(projectId);
    }

    /**
     * Cancels a READY, RUNNING or PAUSED project: in-flight provider calls are aborted, every task
     * not yet finished becomes CANCELLED and the project CANCELLED.
     *
     * @throws ConflictException when the project has already ended (plus NotFound/Forbidden as {@link #start})
     */
    public void cancel(User user, String projectId) {
        requireOwner(user, projectId);
        boolean changed = db.inTransaction(() -> {
            if (!store.setProjectStatus(projectId, ProjectStatus.CANCELLED, "Cancelled by " + user.displayName() + ".",
                    ProjectStatus.READY, ProjectStatus.RUNNING, ProjectStatus.PAUSED)) {
                return false;
            }
            store.cancelTasks(projectId);
            return true;
        });
        if (!changed) {
            throw new ConflictException("The project is " + status(projectId) + "; it cannot be cancelled.");
        }
        dispatcher.cancelRun(projectId);
    }

    /**
     * Manually retries a FAILED or CANCELLED task: it becomes PENDING (BLOCKED while a dependency
     * is unfinished), cancelled tasks downstream become BLOCKED again, and a FAILED or CANCELLED
     * project runs again. A PAUSED project stays paused.
     *
     * @throws NotFoundException when the task does not exist
     * @throws ConflictException when the task is not FAILED or CANCELLED
     * @throws ValidationException "Maximum retry limit reached" after {@code execution.max_task_retries} manual retries
     */
    public void retryTask(User user, String taskId) {
        TaskStore.TaskRow task = store.task(taskId).orElseThrow(() -> new NotFoundException("Task not found."));
        String projectId = task.projectId();
        requireOwner(user, projectId);
        RetryStanding standing = standing(task);
        if (!standing.stateAllows()) {
            throw new ConflictException("The task is " + task.status() + "; only a FAILED or CANCELLED task can be retried.");
        }
        int max = standing.maxManualRetries();
        if (standing.limitReached()) {
            throw new ValidationException("taskId", "Maximum retry limit reached");
        }
        boolean run = db.inTransaction(() -> {
            if (store.reopen(task, max) == null) {
                throw new ConflictException("The task changed meanwhile; reload it and try again.");
            }
            store.setProjectStatus(projectId, ProjectStatus.RUNNING, null, ProjectStatus.FAILED, ProjectStatus.CANCELLED,
                    ProjectStatus.COMPLETED);
            return store.project(projectId).map(p -> p.status() == ProjectStatus.RUNNING).orElse(false);
        });
        if (run) {
            dispatcher.activate(projectId);
        }
    }

    /**
     * Whether the task may be retried now, by the rule {@link #retryTask} applies.
     *
     * @throws NotFoundException when the task (or its project) does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller neither owns its project nor is an admin
     */
    public RetryStanding retryStanding(User user, String taskId) {
        TaskStore.TaskRow task = store.task(taskId).orElseThrow(() -> new NotFoundException("Task not found."));
        requireOwner(user, task.projectId());
        return standing(task);
    }

    private RetryStanding standing(TaskStore.TaskRow task) {
        return new RetryStanding(task.status(), task.manualRetries(), settings.maxTaskRetries(), settings.maxAutoRetries());
    }

    /**
     * Sets the worker pool size (1..64); applied at once, no restart. Admin only.
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws ValidationException when out of range
     */
    public void setConcurrency(User user, int n) {
        AccessPolicy.requireAdmin(user);
        if (n < 1 || n > ExecutionSettings.MAX_CONCURRENCY) {
            throw new ValidationException("concurrency", "Concurrency must be between 1 and " + ExecutionSettings.MAX_CONCURRENCY + ".");
        }
        db.inTransaction(() -> {
            settingsStore.put(ExecutionSettings.CONCURRENCY, n);
            events.publish(new ConcurrencyChanged(n));
        });
        dispatcher.setConcurrency(n);
    }

    /** The pool size now in force. */
    public int concurrency() {
        return dispatcher.concurrency();
    }

    /** Attempts running right now (all projects). */
    public int runningCount() {
        return dispatcher.inFlight();
    }

    /** Re-queues tasks waiting for budget; called by the budget when budget may have become free. */
    public void budgetMayBeFree() {
        dispatcher.budgetMayBeFree();
    }

    // ------------------------------------------------------------------ helpers

    private void requireOwner(User user, String projectId) {
        AccessPolicy.requireUser(user);
        TaskStore.ProjectRow p = store.project(projectId).orElseThrow(() -> new NotFoundException("Project not found."));
        AccessPolicy.requireOwnerOrAdmin(user, p.ownerId(), "project");
    }

    private String status(String projectId) {
        return store.project(projectId).map(p -> p.status().name()).orElse("gone");
    }

    /**
     * Stops dispatching, waits up to {@code execution.shutdown_timeout} for running attempts, then
     * cancels the rest; their tasks return to PENDING and run again after the next start.
     */
    @Override
    public void close() {
        dispatcher.close(config.execution().shutdownTimeout());
    }
}
