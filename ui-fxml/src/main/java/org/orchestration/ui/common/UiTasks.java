package org.orchestration.ui.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The one async helper: {@code tasks.create(work).onSuccess(..).onError(..).start()} runs
 * {@code work} on the background executor and lands every callback on the UI thread. Errors go
 * through the {@link ErrorFunnel}, so {@code onError} receives a sentence. Cancelling a handle
 * drops its callbacks (the work itself is told through whatever token it was given).
 */
public final class UiTasks {

    private final UiExecutor executor;
    private final ErrorFunnel errors;

    public UiTasks(UiExecutor executor, ErrorFunnel errors) {
        this.executor = executor;
        this.errors = errors;
    }

    public ErrorFunnel errors() {
        return errors;
    }

    public UiExecutor executor() {
        return executor;
    }

    public <T> Builder<T> create(Callable<T> work) {
        return new Builder<>(Objects.requireNonNull(work));
    }

    public Builder<Void> run(ThrowingRunnable work) {
        return create(() -> {
            work.run();
            return null;
        });
    }

    /** A {@link Runnable} that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A failed task: the sentence to show and the cause. */
    public record Failure(String message, Throwable cause) {
    }

    /** Lets a view model drop a stale task's callbacks. */
    public interface Handle {
        void cancel();

        boolean isCancelled();
    }

    public final class Builder<T> {
        private final Callable<T> work;
        private Consumer<T> onSuccess = v -> { };
        private Consumer<Failure> onError;
        private Runnable onFinally = () -> { };

        private Builder(Callable<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> c) {
            this.onSuccess = Objects.requireNonNull(c);
            return this;
        }

        /** Receives the user-facing sentence. Without it, every error is reported as unexpected. */
        public Builder<T> onError(Consumer<String> c) {
            Objects.requireNonNull(c);
            this.onError = f -> c.accept(f.message());
            return this;
        }

        /** Like {@link #onError} with the cause too (e.g. to tell "not found" apart). */
        public Builder<T> onFailure(Consumer<Failure> c) {
            this.onError = Objects.requireNonNull(c);
            return this;
        }

        public Builder<T> onFinally(Runnable r) {
            this.onFinally = Objects.requireNonNull(r);
            return this;
        }

        public Handle start() {
            var handle = new Handle() {
                private volatile boolean cancelled;

                @Override
                public void cancel() {
                    cancelled = true;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            };
            try {
                executor.background().execute(() -> run(handle));
            } catch (RejectedExecutionException e) {
                // the UI is shutting down: the work is dropped, like its callbacks would be
                handle.cancel();
            }
            return handle;
        }

        private void run(Handle handle) {
            T value;
            try {
                value = work.call();
            } catch (Throwable t) {
                executor.ui().execute(() -> {
                    if (handle.isCancelled()) {
                        return;
                    }
                    try {
                        if (onError != null) {
                            onError.accept(new Failure(errors.messageFor(t), ErrorFunnel.unwrap(t)));
                        } else {
                            errors.reportUnexpected(t);
                        }
                    } finally {
                        onFinally.run();
                    }
                });
                return;
            }
            executor.ui().execute(() -> {
                if (handle.isCancelled()) {
                    return;
                }
                try {
                    onSuccess.accept(value);
                } catch (RuntimeException e) {
                    errors.reportUnexpected(e);
                } finally {
                    onFinally.run();
                }
            });
        }
    }
}
