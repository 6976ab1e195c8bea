package org.orchestration.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.db.Database;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.tasks.ReadyTask;
import org.orchestration.core.tasks.TaskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch: the ready queues, the slots and the wake-ups. There is no polling tick. Each active
 * project has an in-memory ready queue (priority descending, then plan order), filled from the
 * database when the project starts or resumes. When a task completes, its dependents that became
 * PENDING are queued, and the freed slot dispatches the best ready task at once on the finishing
 * thread ({@link #pump(boolean)}). Across projects the best head wins ({@link #BEFORE}).
 *
 * <p>At most {@code concurrency} attempts run at once. A retry is a scheduled wake-up, never a
 * sleeping thread. A task refused budget waits in {@code budgetWaiting} until budget may have
 * become free ({@link #budgetMayBeFree}) and at least every {@link #BUDGET_RECHECK}.
 *
 * <p>Lock order: the lock is never held while calling the database, a provider or the budget; it
 * guards only the in-memory queues and counters.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** How often tasks waiting for budget are tried again even if nobody released any. */
    static final Duration BUDGET_RECHECK = Duration.ofSeconds(60);
    /** After the shutdown wait, how long cancelled attempts get to put their tasks back. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    /**
     * Which project's best ready task gets a free slot: the higher priority first; at equal
     * priority the project served least recently, so projects running side by side share the
     * slots (a big project started first does not make a later one wait for it, nor the other
     * way round); then plan order. Within a project the queue keeps {@link ReadyTask#ORDER}.
     */
    private static final Comparator<Run> BEFORE = Comparator.<Run>comparingInt(r -> r.queue.peek().priority()).reversed()
            .thenComparingLong(r -> r.lastDispatch)
            .thenComparing(r -> r.queue.peek(), ReadyTask.ORDER);

    private final Database db;
    private final TaskStore store;
    private final TaskAttempt attempts;
    private final Clock clock;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;
    /** Bumped whenever budget may have become free; an attempt that saw an older value retries at once. */
    private final AtomicLong budgetEpoch = new AtomicLong();

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
    /** Slots given so far (stamps {@link Run#lastDispatch}). */
    private long dispatches;

    /** One active project: its ready queue, in-flight attempts, scheduled wake-ups. Guarded by lock. */
    private static final class Run {
        final PriorityQueue<ReadyTask> queue = new PriorityQueue<>(ReadyTask.ORDER);
        final Set<String> queued = new HashSet<>();
        final Map<String, CancellationToken> running = new HashMap<>();
        final Map<String, ScheduledFuture<?>> wakeups = new HashMap<>();
        final Map<String, ReadyTask> budgetWaiting = new HashMap<>();
        boolean paused;
        /** The dispatch count when this run last got a slot (0: never): the fair-share tie-break. */
        long lastDispatch;

        boolean hasWork() {
            return !queue.isEmpty() || !running.isEmpty() || !wakeups.isEmpty() || !budgetWaiting.isEmpty();
        }
    }

    /** A claimed slot: the task to attempt and its cancellation token. */
    private record Dispatch(ReadyTask task, CancellationToken token) {
    }

    Dispatcher(Database db, TaskStore store, TaskAttempt attempts, Clock clock, int concurrency) {
        this.db = db;
        this.store = store;
        this.attempts = attempts;
        this.clock = clock;
        this.concurrency = concurrency;
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.numbered("task-worker"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("task-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
    }

    // ------------------------------------------------------------------ what run control asks for

    /** Loads a project's PENDING tasks into its run (creating or unpausing it) and dispatches. */
    void activate(String projectId) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            runs.computeIfAbsent(projectId, id -> new Run()).paused = false;
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

    /** Sets the run's paused flag; returns the previous value, or null when the project has no run. */
    Boolean setPaused(String projectId, boolean paused) {
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

    /** Forgets the project's run and aborts its in-flight attempts (the project was cancelled). */
    void cancelRun(String projectId) {
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

    void setConcurrency(int n) {
        lock.lock();
        try {
            concurrency = n;
        } finally {
            lock.unlock();
        }
        pump();
    }

    int concurrency() {
        lock.lock();
        try {
            return concurrency;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Re-queues tasks waiting for budget. */
    void budgetMayBeFree() {
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

    // ------------------------------------------------------------------ queues and wake-ups

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

    // ------------------------------------------------------------------ slots

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
            d = attempt(d);
        }
    }

    /** One attempt in its slot; returns the next task this worker should run (null: the thread is released). */
    private Dispatch attempt(Dispatch d) {
        long epoch = budgetEpoch.get();
        AttemptOutcome outcome = AttemptOutcome.NOTHING;
        try {
            outcome = attempts.run(d.task(), d.token(), handoverOf(d));
        } finally {
            if (!outcome.handedOver()) {
                settle(d, outcome, epoch, false);
            }
        }
        return pump(true);
    }

    /**
     * Pipelining: when other tasks are ready, the slot is freed as soon as the provider has
     * answered and the worker goes on to the next task while the committer thread commits the
     * completion; the commit then queues the dependents. When nothing else is ready the worker
     * commits itself and runs the dependent at once, with no hand-off.
     */
    private TaskAttempt.Handover handoverOf(Dispatch d) {
        return new TaskAttempt.Handover() {
            @Override
            public boolean freeSlotIfOtherWork() {
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

            @Override
            public void committed(TaskStore.Transition t, Throwable error) {
                if (error != null) {
                    Throwable cause = Completions.cause(error);
                    log.error("Task {} could not be completed", d.task().taskId(), cause);
                    store.failInternal(d.task().projectId(), d.task().taskId(), cause);
                }
                settle(d, AttemptOutcome.ready(t == null ? List.of() : t.nowReady()), 0, true);
                pump();
            }
        };
    }

    /**
     * Ends an attempt's bookkeeping: frees its slot (or, for a handed-over completion, its
     * pending commit), queues what became ready, schedules a retry or a budget wait, and forgets
     * the project's run once nothing is left.
     *
     * @param epoch the budget epoch when the attempt started: budget freed since then means a
     *              budget-refused task is tried again at once
     */
    private void settle(Dispatch d, AttemptOutcome o, long epoch, boolean commitSeen) {
        ReadyTask r = d.task();
        boolean checkDone;
        lock.lock();
        try {
            if (commitSeen) {
                committing--;
            } else {
                inFlight--;
            }
            Run run = runs.get(r.projectId());
            // a cancelled and re-created run may already run a newer attempt of this task: leave that one alone
            if (run != null && run.running.remove(r.taskId(), d.token())) {
                o.nowReady().forEach(t -> enqueue(run, t));
                if (o.retryAt() != null) {
                    scheduleWakeup(run, r, Math.max(0, o.retryAt() - clock.millis()));
                }
                if (o.budgetWait() && budgetEpoch.get() != epoch) {
                    enqueue(run, r); // budget was freed while this attempt was being refused: try again now
                } else if (o.budgetWait()) {
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

    // ------------------------------------------------------------------ shutdown

    /**
     * Stops dispatching, waits up to {@code shutdownTimeout} for running attempts, then cancels
     * the rest (their tasks return to PENDING) and stops the threads.
     */
    void close(Duration shutdownTimeout) {
        List<CancellationToken> tokens = new ArrayList<>();
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            awaitIdle(shutdownTimeout);
            runs.values().forEach(run -> tokens.addAll(run.running.values()));
        } finally {
            lock.unlock();
        }
        if (!tokens.isEmpty()) {
            log.info("Cancelling {} running task(s) for shutdown; they will run again next time", tokens.size());
            tokens.forEach(CancellationToken::cancel);
            lock.lock();
            try {
                awaitIdle(CANCEL_GRACE);
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

    /** Waits until no attempt or handed-over commit is left, at most {@code timeout}. Caller holds lock. */
    private void awaitIdle(Duration timeout) {
        long wait = timeout.toNanos();
        try {
            while ((inFlight > 0 || committing > 0) && wait > 0) {
                wait = idle.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
