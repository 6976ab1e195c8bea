package org.orchestration.ui.common;

import java.util.concurrent.Executor;

/**
 * Where view models run work: {@link #background()} for anything that may block (ports do I/O),
 * {@link #ui()} for landing results on the UI thread. UI-free so view models are testable
 * without a toolkit; {@link FxUiExecutor} is the JavaFX adapter.
 */
public interface UiExecutor {

    Executor background();

    Executor ui();

    /** Runs everything at once on the calling thread: for view-model tests. */
    static UiExecutor direct() {
        return of(Runnable::run, Runnable::run);
    }

    static UiExecutor of(Executor background, Executor ui) {
        return new UiExecutor() {
            @Override
            public Executor background() {
                return background;
            }

            @Override
            public Executor ui() {
                return ui;
            }
        };
    }
}
