package org.orchestration.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.budget.SpendGate;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.EventTypes;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ProviderAvailability;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.tools.ToolCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs projects' task graphs on a bounded worker pool.
 *
 * <p><b>Event-driven dispatch.</b> There is no polling tick. Each running project has an in-memory
 * ready queue (priority descending, then plan order), filled from the database when the project
 * starts or resumes. When a task completes, its dependents whose dependencies are now all
 * COMPLETED become PENDING in the same transaction, are queued, and the freed slot dispatches the
 * best ready task at once on the finishing thread. Across projects the best head wins.
 *
 * <p><b>Slots.</b> At most {@code execution.concurrency} attempts run at once (changeable at run
 * time by an admin, applied at the next dispatch). A transient provider error returns the task to
 * PENDING with a persisted {@code retry_after} and frees its slot immediately; a scheduled wake-up
 * queues it again — no thread ever sleeps through a backoff. A task that cannot reserve budget
 * stays PENDING with wait reason "budget" and is queued again whenever budget may have become free
 * (a reservation released, limits changed) and at least every {@link #BUDGET_RECHECK}.
 *
 * <p><b>States.</b> Every transition names the state and attempt it expects, so a late worker never undoes a
 * cancel. A project reaches COMPLETED or FAILED by itself when nothing can run any more.
 *
 * <p><b>Crash safety.</b> {@link #recover()} at start-up returns RUNNING tasks to PENDING and
 * carries on RUNNING projects (or pauses them when {@code execution.resume_on_start} is false).
 * Usage rows are keyed by task, attempt and round, so nothing is counted twice.
 *
 * <p>Lock order: the executor lock is never held while calling the database, a provider or the
 * budget; it guards only the in-memory queues and counters.
 */
public final class Executor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Executor.class);

    /** How often a task whose provider is down is tried again, by default. */
    public static final Duration PROVIDER_RECHECK = Duration.ofSeconds(15);
    private final Duration providerRecheck;

    /** How often tasks waiting for budget are tried again even if nobody released any. */
    static final Duration BUDGET_RECHECK = Duration.ofSeconds(60);
    /** After the shutdown wait, how long cancelled attempts get to put their tasks back. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    private final Database db;
    private final Clock clock;
    private final AppConfig config;
    private final EventPublisher events;
    private final ExecutionSettings settings;
    private final SettingsStore settingsStore;
    private final TaskStore store;
    private final TaskRunner runner;
    private final Backoff backoff = new Backoff(RandomGenerator.getDefault());
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    // ---- guarded by lock
    private final Map<String, Run> runs = new HashMap<>();
    private int concurrency;
    private int inFlight;
    /** Completions handed over to the group committer whose commit has not been seen yet. */
    private int committing;
    private boolean closing;
    private ScheduledFuture<?> budgetRecheck;
    /** Bumped whenever budget may have become free; an attempt that saw an older value retries at once. */
    private final java.util.concurrent.atomic.AtomicLong budgetEpoch = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Which project's best ready task gets a free slot: the higher priority first; at equal
     * priority the project served least recently, so projects running side by side share the
     * slots (a big project started first does not make a later one wait for it, nor the other
     * way round); then plan order. Within a project the queue keeps {@link ReadyTask#ORDER}.
     */
    private static final Comparator<Run> BEFORE = Comparator.<Run>comparingInt(r -> r.queue.peek().priority()).reversed()
            .thenComparingLong(r -> r.lastDispatch)
            .thenComparing(r -> r.queue.peek(), ReadyTask.ORDER);

    /** Guarded by lock: slots given so far (stamps {@link Run#lastDispatch}). */
    private long dispatches;

    /** One active project: its ready queue, in-flight attempts, scheduled wake-ups. Guarded by lock. */
    private static final class Run {
        final String projectId;
        final PriorityQueue<ReadyTask> queue = new PriorityQueue<>(ReadyTask.ORDER);
        final Set<String> queued = new HashSet<>();
        final Map<String, CancellationToken> running = new HashMap<>();
        final Map<String, ScheduledFuture<?>> wakeups = new HashMap<>();
        final Map<String, ReadyTask> budgetWaiting = new HashMap<>();
        boolean paused;
        /** The executor's dispatch count when this run last got a slot (0: never): the fair-share tie-break. */
        long lastDispatch;

        Run(String projectId) {
            this.projectId = projectId;
        }

        boolean hasWork() {
            return !queue.isEmpty() || !running.isEmpty() || !wakeups.isEmpty() || !budgetWaiting.isEmpty();
        }
    }

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
        this.providerRecheck = providerRecheck;
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.events = events;
        this.settingsStore = settings;
        this.settings = new ExecutionSettings(settings, config.execution());
        this.store = new TaskStore(db, events, clock);
        this.runner = new TaskRunner(store, providers, prices, tools, budget, config.workspacesDir(), availability);
        this.concurrency = this.settings.concurrency();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), DaemonThreads.numbered("task-worker"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("task-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
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
                activate(p);
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
        activate(projectId);
    }

    /**
     * Pauses a RUNNING project: nothing new is dispatched, running tasks finish.
     *
     * @throws ConflictException when the project is not RUNNING (plus NotFound/Forbidden as {@link #start})
     */
    public void pause(User user, String projectId) {
        requireOwner(user, projectId);
        // stop dispatching first, so nothing slips out between the status change and the flag
        Boolean wasPaused = setPaused(projectId, true);
        if (!store.setProjectStatus(projectId, ProjectStatus.PAUSED, "Paused by " + user.displayName() + ".", ProjectStatus.RUNNING)) {
            if (wasPaused != null) {
                setPaused(projectId, wasPaused);
            }
            throw new ConflictException("The project is " + status(projectId) + "; only a RUNNING project can be paused.");
        }
    }

    /** Sets the run's paused flag; returns the previous value, or null when the project has no run. */
    private Boolean setPaused(String projectId, boolean paused) {
        lock.lock();
        try {
            Run run = runs.get(projectId);
            if (run == null) {
                return null;
            }
            boolean before = run.paused;
            run.paused = paused;
            return before;
        } finally {
            lock.unlock();
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
        activate(projectId);
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
        List<CancellationToken> tokens = new ArrayList<>();
        lock.lock();
        try {
            Run run = runs.remove(projectId);
            if (run != null) {
                tokens.addAll(run.running.values());
                run.wakeups.values().forEach(f -> f.cancel(false));
            }
        } finally {
            lock.unlock();
        }
        tokens.forEach(CancellationToken::cancel);
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
        if (task.status() != TaskStatus.FAILED && task.status() != TaskStatus.CANCELLED) {
            throw new ConflictException("The task is " + task.status() + "; only a FAILED or CANCELLED task can be retried.");
        }
        int max = settings.maxTaskRetries();
        if (task.manualRetries() >= max) {
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
            activate(projectId);
        }
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
            events.publish(null, EventTypes.EXECUTION_CONCURRENCY, Map.of("concurrency", n));
        });
        lock.lock();
        try {
            concurrency = n;
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** The pool size now in force. */
    public int concurrency() {
        lock.lock();
        try {
            return concurrency;
        } finally {
            lock.unlock();
        }
    }

    /** Attempts running right now (all projects). */
    public int runningCount() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Re-queues tasks waiting for budget; called by the budget when budget may have become free. */
    public void budgetMayBeFree() {
        budgetEpoch.incrementAndGet();
        boolean any = false;
        lock.lock();
        try {
            for (Run run : runs.values()) {
                if (!run.budgetWaiting.isEmpty()) {
                    List<ReadyTask> waiting = new ArrayList<>(run.budgetWaiting.values());
                    run.budgetWaiting.clear();
                    waiting.forEach(r -> enqueue(run, r));
                    any = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (any) {
            pump();
        }
    }

    // ------------------------------------------------------------------ dispatch

    /** Loads a project's PENDING tasks into its run and dispatches. */
    private void activate(String projectId) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            runs.computeIfAbsent(projectId, Run::new).paused = false;
        } finally {
            lock.unlock();
        }
        List<Map.Entry<ReadyTask, Long>> pending = store.pendingTasks(projectId);
        long now = clock.millis();
        lock.lock();
        try {
            Run run = runs.get(projectId);
            if (run == null) {
                return;
            }
            for (Map.Entry<ReadyTask, Long> e : pending) {
                long delay = e.getValue() - now;
                if (delay > 0) {
                    scheduleWakeup(run, e.getKey(), delay);
                } else {
                    enqueue(run, e.getKey());
                }
            }
        } finally {
            lock.unlock();
        }
        if (pending.isEmpty()) {
            // nothing to run: the project may already be finished (e.g. resumed after its last task ended)
            db.inTransaction(() -> store.settleProject(projectId));
            dropIfDone(projectId);
        }
        pump();
    }

    /** Caller holds lock. */
    private void enqueue(Run run, ReadyTask r) {
        if (run.running.containsKey(r.taskId()) || !run.queued.add(r.taskId())) {
            return;
        }
        ScheduledFuture<?> f = run.wakeups.remove(r.taskId());
        if (f != null) {
            f.cancel(false);
        }
        run.budgetWaiting.remove(r.taskId());
        run.queue.add(r);
    }

    /** Caller holds lock. */
    private void scheduleWakeup(Run run, ReadyTask r, long delayMillis) {
        ScheduledFuture<?> old = run.wakeups.put(r.taskId(), timers.schedule(() -> wake(r), delayMillis, TimeUnit.MILLISECONDS));
        if (old != null) {
            old.cancel(false);
        }
    }

    private void wake(ReadyTask r) {
        lock.lock();
        try {
            Run run = runs.get(r.projectId());
            if (run == null || run.wakeups.remove(r.taskId()) == null) {
                return;
            }
            enqueue(run, r);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** A claimed slot: the task to attempt and its cancellation token. */
    private record Dispatch(ReadyTask task, CancellationToken token) {
    }

    /** Fills free slots with the best ready tasks of unpaused projects, each on a worker thread. */
    private void pump() {
        pump(false);
    }

    /**
     * Fills free slots with the best ready tasks of unpaused projects. With {@code keepOne} the
     * best one is not handed to another thread but returned, for the calling worker (which has
     * just finished an attempt) to run at once: no thread hand-off between a dependency's commit
     * and its dependent's start.
     */
    private Dispatch pump(boolean keepOne) {
        Dispatch mine = null;
        lock.lock();
        try {
            while (!closing && inFlight < concurrency) {
                Run best = null;
                for (Run run : runs.values()) {
                    if (!run.paused && !run.queue.isEmpty() && (best == null || BEFORE.compare(run, best) < 0)) {
                        best = run;
                    }
                }
                if (best == null) {
                    break;
                }
                best.lastDispatch = ++dispatches;
                ReadyTask next = best.queue.poll();
                best.queued.remove(next.taskId());
                Dispatch d = new Dispatch(next, new CancellationToken());
                best.running.put(next.taskId(), d.token());
                inFlight++;
                if (keepOne && mine == null) {
                    mine = d;
                } else {
                    workers.execute(() -> runFrom(d));
                }
            }
        } finally {
            lock.unlock();
        }
        return mine;
    }

    /** A worker: runs its attempt, then keeps running the tasks its own completions made ready. */
    private void runFrom(Dispatch first) {
        for (Dispatch d = first; d != null; ) {
            d = attempt(d.task(), d.token());
        }
    }

    // ------------------------------------------------------------------ one attempt

    /** One attempt; returns the next task this worker should run (null: none, the thread is released). */
    private Dispatch attempt(ReadyTask r, CancellationToken token) {
        List<ReadyTask> nowReady = List.of();
        Long retryAt = null;
        boolean budgetWait = false;
        long epoch = budgetEpoch.get();
        boolean handedOver = false;
        Dispatch next;
        try {
            Optional<TaskWork> work = store.loadWork(r.taskId());
            if (work.isPresent()) {
                TaskWork w = work.get();
                AttemptResult result = runner.run(w, settings.maxToolRounds(), token);
                if (result instanceof AttemptResult.Completed c && c.lastRound() != null) {
                    handedOver = freeSlotIfOtherWork();
                    if (handedOver) {
                        runner.recordAsync(c.lastRound(), () -> store.complete(w, c.output(), c.note(), c.lastRound()))
                                .whenComplete((t, error) -> committed(r, token, t, error));
                    } else {
                        nowReady = runner.recordInTransaction(c.lastRound(), () -> store.complete(w, c.output(), c.note(), c.lastRound()))
                                .nowReady();
                    }
                } else if (result instanceof AttemptResult.Completed c) {
                    nowReady = store.complete(w, c.output(), c.note()).nowReady();
                } else if (result instanceof AttemptResult.Failed f) {
                    store.fail(w, f.error());
                } else if (result instanceof AttemptResult.Transient t) {
                    long at = store.retryLater(w, t.error().getMessage(), settings.maxAutoRetries(),
                            n -> backoff.delay(n, t.error().retryAfter(), settings.retryBaseMillis()).toMillis());
                    retryAt = at >= 0 ? at : null;
                } else if (result instanceof AttemptResult.ProviderWait p) {
                    store.waitForProvider(w, p.message());
                    retryAt = clock.millis() + providerRecheck.toMillis();
                } else if (result instanceof AttemptResult.BudgetWait b) {
                    store.waitForBudget(w, b.message());
                    budgetWait = true;
                } else if (result instanceof AttemptResult.Cancelled) {
                    store.requeue(w, "Interrupted; it will run again.");
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("Task {} could not be run", r.taskId(), e);
            failQuietly(r, e);
        } finally {
            next = handedOver ? pump(true) : finish(r, token, nowReady, retryAt, budgetWait, epoch);
        }
        return next;
    }

    /**
     * Pipelining: when other tasks are ready, the slot is freed as soon as the provider has
     * answered and this worker goes on to the next task while the committer thread commits the
     * completion; the commit then queues the dependents ({@link #committed}). When nothing else is
     * ready the worker commits itself and runs the dependent at once, with no hand-off.
     */
    private boolean freeSlotIfOtherWork() {
        lock.lock();
        try {
            if (closing || runs.values().stream().noneMatch(run -> !run.paused && !run.queue.isEmpty())) {
                return false;
            }
            inFlight--;
            committing++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A handed-over completion has committed (or failed): queue its dependents, settle the run, dispatch. */
    private void committed(ReadyTask r, CancellationToken token, TaskStore.Transition t, Throwable error) {
        if (error != null) {
            Throwable cause = Completions.cause(error);
            log.error("Task {} could not be completed", r.taskId(), cause);
            failQuietly(r, cause);
        }
        settle(r, token, t == null ? List.of() : t.nowReady(), null, false, 0, true);
        pump();
    }

    private void failQuietly(ReadyTask r, Throwable e) {
        try {
            db.inTransaction(() -> {
                int n = db.update("UPDATE tasks SET status = 'FAILED', error = ?, completed_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status IN ('RUNNING', 'PENDING')", "Internal error: " + e, clock.millis(), clock.millis(), r.taskId());
                if (n == 1) {
                    events.publish(r.projectId(), EventTypes.TASK_STATUS, TaskStore.payload("taskId", r.taskId(),
                            "status", TaskStatus.FAILED, "error", "Internal error: " + e));
                    store.settleProject(r.projectId());
                }
            });
        } catch (RuntimeException again) {
            log.error("Could not mark task {} failed", r.taskId(), again);
        }
    }

    /**
     * Frees the slot, queues what became ready, schedules a retry, and dispatches; returns the
     * best ready task for the calling worker to run next (the others go to other workers).
     */
    private Dispatch finish(ReadyTask r, CancellationToken token, List<ReadyTask> nowReady, Long retryAt, boolean budgetWait, long epoch) {
        settle(r, token, nowReady, retryAt, budgetWait, epoch, false);
        return pump(true);
    }

    /**
     * Ends an attempt's bookkeeping: frees its slot (or, for a handed-over completion, its
     * pending commit), queues what became ready, schedules a retry or a budget wait, and forgets
     * the project's run once nothing is left.
     */
    private void settle(ReadyTask r, CancellationToken token, List<ReadyTask> nowReady, Long retryAt, boolean budgetWait, long epoch,
                        boolean handedOver) {
        boolean checkDone;
        lock.lock();
        try {
            if (handedOver) {
                committing--;
            } else {
                inFlight--;
            }
            Run run = runs.get(r.projectId());
            // a cancelled and re-created run may already run a newer attempt of this task: leave that one alone
            if (run != null && run.running.remove(r.taskId(), token)) {
                nowReady.forEach(t -> enqueue(run, t));
                if (retryAt != null) {
                    scheduleWakeup(run, r, Math.max(0, retryAt - clock.millis()));
                }
                if (budgetWait && budgetEpoch.get() != epoch) {
                    enqueue(run, r); // budget was freed while this attempt was being refused: try again now
                } else if (budgetWait) {
                    run.budgetWaiting.put(r.taskId(), r);
                    ensureBudgetRecheck();
                }
            }
            checkDone = run != null && !run.hasWork();
            if (inFlight == 0 && committing == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (checkDone) {
            dropIfDone(r.projectId());
        }
    }

    /** Forgets a project's run once it has ended or has nothing left in memory. */
    private void dropIfDone(String projectId) {
        boolean ended = store.project(projectId).map(p -> p.status() != ProjectStatus.RUNNING && p.status() != ProjectStatus.PAUSED)
                .orElse(true);
        lock.lock();
        try {
            Run run = runs.get(projectId);
            if (run != null && !run.hasWork() && ended) {
                runs.remove(projectId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds lock. */
    private void ensureBudgetRecheck() {
        if (budgetRecheck == null && !closing) {
            budgetRecheck = timers.scheduleWithFixedDelay(this::budgetMayBeFree, BUDGET_RECHECK.toMillis(), BUDGET_RECHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
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
        List<CancellationToken> tokens = new ArrayList<>();
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            long wait = config.execution().shutdownTimeout().toNanos();
            while ((inFlight > 0 || committing > 0) && wait > 0) {
                wait = idle.awaitNanos(wait);
            }
            runs.values().forEach(run -> tokens.addAll(run.running.values()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        if (!tokens.isEmpty()) {
            log.info("Cancelling {} running task(s) for shutdown; they will run again next time", tokens.size());
            tokens.forEach(CancellationToken::cancel);
            lock.lock();
            try {
                long wait = CANCEL_GRACE.toNanos();
                while ((inFlight > 0 || committing > 0) && wait > 0) {
                    wait = idle.awaitNanos(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }
        timers.shutdownNow();
        workers.shutdown();
        // A worker signals idle before its last bookkeeping read (dropIfDone); wait for it so the
        // database can be closed right after this returns.
        try {
            if (!workers.awaitTermination(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Task workers did not stop within {} s", CANCEL_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
