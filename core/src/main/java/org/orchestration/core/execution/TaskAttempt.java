package org.orchestration.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.tasks.ReadyTask;
import org.orchestration.core.tasks.TaskStore;
import org.orchestration.core.tasks.TaskWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a task, told in order: load its work, run the tool loop ({@link TaskRunner}),
 * write what became of it through {@link TaskStore} (completed, failed, retry later, wait for the
 * provider or for budget, interrupted), and tell dispatch what follows ({@link AttemptOutcome}).
 * An unexpected error marks the task FAILED; it never escapes to the worker thread.
 */
final class TaskAttempt {

    private static final Logger log = LoggerFactory.getLogger(TaskAttempt.class);

    /** How dispatch lets a finished attempt free its slot before its completion is committed. */
    interface Handover {
        /** Frees this attempt's slot when other tasks are ready to take it; true when it did. */
        boolean freeSlotIfOtherWork();

        /** The handed-over completion has committed ({@code t}) or failed ({@code error}). */
        void committed(TaskStore.Transition t, Throwable error);
    }

    private final TaskStore store;
    private final TaskRunner runner;
    private final ExecutionSettings settings;
    private final Clock clock;
    private final Duration providerRecheck;
    private final Backoff backoff = new Backoff(RandomGenerator.getDefault());

    TaskAttempt(TaskStore store, TaskRunner runner, ExecutionSettings settings, Clock clock, Duration providerRecheck) {
        this.store = store;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
        this.providerRecheck = providerRecheck;
    }

    /** Runs one attempt of {@code r} on the calling worker thread. */
    AttemptOutcome run(ReadyTask r, CancellationToken token, Handover handover) {
        try {
            Optional<TaskWork> work = store.loadWork(r.taskId());
            if (work.isEmpty()) {
                return AttemptOutcome.NOTHING; // no longer RUNNING-able: cancelled or changed meanwhile
            }
            TaskWork w = work.get();
            return settle(w, runner.run(w, settings.maxToolRounds(), token), handover);
        } catch (RuntimeException | Error e) {
            log.error("Task {} could not be run", r.taskId(), e);
            store.failInternal(r.projectId(), r.taskId(), e);
            return AttemptOutcome.NOTHING;
        }
    }

    /** Writes the attempt's result; returns what dispatch must do next. */
    private AttemptOutcome settle(TaskWork w, AttemptResult result, Handover handover) {
        if (result instanceof AttemptResult.Completed c && c.lastRound() != null) {
            if (handover.freeSlotIfOtherWork()) {
                // pipelining: the committer records the last round and completes the task while
                // this worker goes on to the next ready task
                try {
                    runner.recordAsync(c.lastRound(), () -> store.complete(w, c.output(), c.note(), c.lastRound().cost()))
                            .whenComplete(handover::committed);
                } catch (RuntimeException e) {
                    handover.committed(null, e);
                }
                return AttemptOutcome.HANDED_OVER;
            }
            return AttemptOutcome.ready(runner.recordInTransaction(c.lastRound(),
                    () -> store.complete(w, c.output(), c.note(), c.lastRound().cost())).nowReady());
        }
        if (result instanceof AttemptResult.Completed c) {
            return AttemptOutcome.ready(store.complete(w, c.output(), c.note()).nowReady());
        }
        if (result instanceof AttemptResult.Failed f) {
            store.fail(w, f.error());
            return AttemptOutcome.NOTHING;
        }
        if (result instanceof AttemptResult.Transient t) {
            long at = store.retryLater(w, t.error().getMessage(), settings.maxAutoRetries(),
                    n -> backoff.delay(n, t.error().retryAfter(), settings.retryBaseMillis()).toMillis());
            return at >= 0 ? AttemptOutcome.retryAt(at) : AttemptOutcome.NOTHING;
        }
        if (result instanceof AttemptResult.ProviderWait p) {
            store.waitForProvider(w, p.message());
            return AttemptOutcome.retryAt(clock.millis() + providerRecheck.toMillis());
        }
        if (result instanceof AttemptResult.BudgetWait b) {
            store.waitForBudget(w, b.message());
            return AttemptOutcome.BUDGET_WAIT;
        }
        if (result instanceof AttemptResult.Cancelled) {
            store.requeue(w, "Interrupted; it will run again.");
        }
        return AttemptOutcome.NOTHING;
    }
}
