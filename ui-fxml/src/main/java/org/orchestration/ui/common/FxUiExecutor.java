package org.orchestration.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.orchestration.core.concurrent.DaemonThreads;

/** JavaFX adapter: a small pool of named daemon threads, and {@code Platform::runLater}. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private final ExecutorService pool;

    public FxUiExecutor(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.numbered("ui-background"));
    }

    @Override
    public Executor background() {
        return pool;
    }

    @Override
    public Executor ui() {
        return Platform::runLater;
    }

    /** shutdown -> wait a little -> shutdownNow. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
