package org.orchestration.app.gui;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.orchestration.core.errors.StartupException;

/**
 * The window as a start-up step: runs {@code Application.launch} on its own thread (it blocks
 * until the UI exits), waits until the window is shown, and closing it exits JavaFX and waits
 * for that thread. When the UI ends on its own (last window closed without a tray), {@code onExit}
 * is told so the launcher can close the rest of the stack.
 */
public final class GuiRuntime implements AutoCloseable {

    public static final String THREAD_NAME = "oe-javafx-launcher";
    private static final Duration SHOW_TIMEOUT = Duration.ofSeconds(60);

    private final Thread thread;

    private GuiRuntime(Thread thread) {
        this.thread = thread;
    }

    /**
     * @throws StartupException when JavaFX cannot start (no display, no GTK) or the shell fails
     */
    public static GuiRuntime start(GuiSession session, Runnable onExit) {
        JavaFxWarnings.install();
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                FxApp.launch(session, shown, failure);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                shown.countDown();
                onExit.run();
            }
        }, THREAD_NAME);
        thread.start();
        try {
            if (!shown.await(SHOW_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Platform.exit();
                throw new StartupException(StartupException.OTHER, "The window did not open within " + SHOW_TIMEOUT.toSeconds() + " s.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(StartupException.OTHER, "Interrupted while opening the window.");
        }
        Throwable e = failure.get();
        if (e != null) {
            join(thread);
            throw new StartupException(StartupException.OTHER, describe(e), e);
        }
        return new GuiRuntime(thread);
    }

    static String describe(Throwable e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DISPLAY") || m.contains("GTK") || m.contains("glass") || e instanceof UnsupportedOperationException) {
            return "The window cannot open (" + m.lines().findFirst().orElse("") + "). Is a display available and GTK 3 "
                    + "(libgtk-3-0) installed? Use --headless to run without a window.";
        }
        return "The window cannot open: " + m.lines().findFirst().orElse(e.getClass().getSimpleName());
    }

    /**
     * Exits JavaFX and waits a little for the UI to stop. On SIGTERM (JVM already shutting down)
     * GTK may never run the exit; the bounded wait lets the rest of the stack (executor, database)
     * still close in time.
     */
    @Override
    public void close() {
        Platform.exit();
        if (Thread.currentThread() != thread) {
            join(thread);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
