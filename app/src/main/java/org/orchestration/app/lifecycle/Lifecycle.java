package org.orchestration.app.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.orchestration.core.errors.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one ordered stack of start-up steps (seed 2.6). {@link #start()} runs the steps in order
 * and pushes what each returns; if a step fails, everything already started is closed in
 * reverse order before the failure is rethrown, so a failed start leaves no connection, port,
 * lock or thread behind. {@link #close()} closes the whole stack in reverse order; it is
 * idempotent and safe to call from a shutdown hook and from the UI thread's exit path at once.
 */
public final class Lifecycle implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private final List<StartupStep> steps;
    private final Deque<Started> started = new ArrayDeque<>();
    private boolean startCalled;

    private record Started(String name, AutoCloseable handle) {
    }

    public Lifecycle(List<StartupStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Starts every step in order.
     *
     * @throws StartupException the failing step's own, or one with exit code
     *                          {@link StartupException#OTHER} naming the step; by then every
     *                          earlier step has been closed
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() {
        if (startCalled) {
            throw new IllegalStateException("The lifecycle has already been started");
        }
        startCalled = true;
        for (StartupStep step : steps) {
            AutoCloseable handle;
            try {
                log.debug("Starting {}", step.name());
                handle = step.start();
            } catch (Exception | LinkageError e) {
                StartupException failure = asStartupFailure(step.name(), e);
                // INFO, not ERROR: the launcher reports the failure as one line (stderr or a dialog);
                // the console shows WARN and up, so the stack trace goes to the log file only.
                log.info("Start-up step '{}' failed: {}", step.name(), e.toString(), e);
                closeStarted();
                throw failure;
            }
            started.push(new Started(step.name(), handle == null ? StartupStep.NOTHING : handle));
        }
        log.info("Started: {}", startedStepNames());
    }

    /** Names of the steps that are up, in start order. */
    public synchronized List<String> startedStepNames() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(s -> names.add(s.name()));
        return names;
    }

    /** Closes everything started, newest first. A failing close is logged and the rest still close. */
    @Override
    public synchronized void close() {
        closeStarted();
    }

    private void closeStarted() {
        while (!started.isEmpty()) {
            Started s = started.pop();
            try {
                s.handle().close();
                log.debug("Stopped {}", s.name());
            } catch (Exception e) {
                log.warn("Stopping '{}' failed: {}", s.name(), e.toString(), e);
            }
        }
    }

    static StartupException asStartupFailure(String stepName, Throwable e) {
        if (e instanceof StartupException se) {
            return se;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new StartupException(StartupException.OTHER, "Start-up failed at step '" + stepName + "': " + detail, e);
    }
}
