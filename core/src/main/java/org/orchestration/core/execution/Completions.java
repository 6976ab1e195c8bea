package org.orchestration.core.execution;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The executor's view of group-commit futures: failures as they were thrown, not wrapped. */
final class Completions {

    private Completions() {
    }

    /** The failure itself when {@code error} is only the {@link CompletionException} around it. */
    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Waits for {@code future}; a failure is rethrown as it was thrown (unchecked or error). */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = cause(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
