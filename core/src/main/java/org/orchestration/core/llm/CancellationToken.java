package org.orchestration.core.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancels in-flight work: providers and tools register an action (for instance an OkHttp
 * {@code Call::cancel}) that runs when {@link #cancel()} is called, or at once if it already was.
 */
public final class CancellationToken {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** A token nobody cancels. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs every registered action once. Idempotent. */
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** Registers {@code action}; returns a handle that unregisters it (call it when the work ends). */
    public Runnable onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                listeners.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
        return () -> listeners.remove(action);
    }
}
