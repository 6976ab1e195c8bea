package org.orchestration.app.gui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. Never the main class (see {@code Launcher}): it is launched by
 * {@link GuiRuntime} on its own thread once the engine is up, shows the main window through the
 * {@link UiShellFactory} seam and turns implicit exit off only when a tray icon exists.
 */
public final class FxApp extends Application {

    private static final Logger log = LoggerFactory.getLogger(FxApp.class);

    /**
     * The one hand-over slot: {@link Application#launch} instantiates this class itself, so the
     * session cannot come through a constructor. Set right before launch, taken once in init.
     */
    private static final AtomicReference<Launch> PENDING = new AtomicReference<>();

    record Launch(GuiSession session, CountDownLatch shown, AtomicReference<Throwable> failure) {
    }

    private GuiSession session;
    private Launch launch;
    private AutoCloseable content;

    /** Blocks until the JavaFX application has exited. */
    static void launch(GuiSession session, CountDownLatch shown, AtomicReference<Throwable> failure) {
        if (!PENDING.compareAndSet(null, new Launch(session, shown, failure))) {
            throw new IllegalStateException("The window is already being launched");
        }
        Application.launch(FxApp.class);
    }

    @Override
    public void init() {
        launch = PENDING.getAndSet(null);
        session = launch.session();
    }

    @Override
    public void start(Stage stage) {
        try {
            content = session.shell().open(stage);
            stage.setOnCloseRequest(e -> {
                e.consume();
                if (session.hideToTray().getAsBoolean()) {
                    stage.hide();
                } else {
                    session.requestQuit().run();
                }
            });
            if (session.tray().hasTrayIcon()) {
                Platform.setImplicitExit(false); // the tray keeps the app alive with no window open
            }
            session.activation().attach(() -> Platform.runLater(() -> bringForward(stage)));
            stage.show();
            countDownAfterFirstPulse(stage, launch.shown());
        } catch (Exception | LinkageError e) {
            launch.failure().set(e);
            launch.shown().countDown();
            Platform.exit();
        }
    }

    /**
     * "Shown" means the first frame: the window's first pulse (layout and CSS done, the frame
     * handed to the renderer), so the ready line of a GUI start marks what the user sees.
     */
    private static void countDownAfterFirstPulse(Stage stage, CountDownLatch shown) {
        javafx.scene.Scene scene = stage.getScene();
        if (scene == null) {
            shown.countDown();
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            shown.countDown();
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }

    private static void bringForward(Stage stage) {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    @Override
    public void stop() {
        session.activation().attach(null);
        if (content != null) {
            try {
                content.close();
            } catch (Exception e) {
                log.warn("Closing the UI failed: {}", e.toString());
            }
        }
    }
}
