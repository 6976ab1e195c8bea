package org.orchestration.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.orchestration.app.tray.RecordingTrayNotifier;

/**
 * The window step under headless JavaFX (Monocle). JavaFX launches once per JVM, so one test
 * walks the whole life of the window: shown through the seam, close-to-tray, close-to-quit,
 * bring-forward, and closing the step ends the JavaFX thread and closes the UI.
 */
class GuiRuntimeTest {

    @Test
    void theWindowOpensThroughTheSeamFollowsTheClosePolicyAndStopsWithTheStep() throws Exception {
        AtomicReference<Stage> stageRef = new AtomicReference<>();
        AtomicBoolean uiClosed = new AtomicBoolean();
        // The recording tray reports an icon, so JavaFX keeps running with the window hidden.
        AtomicBoolean hideToTray = new AtomicBoolean(true);
        AtomicInteger quitRequests = new AtomicInteger();
        CountDownLatch exited = new CountDownLatch(1);
        WindowActivation activation = new WindowActivation();
        AtomicInteger pulsesBeforeShown = new AtomicInteger(-1);
        AtomicInteger pulses = new AtomicInteger();
        UiShellFactory shell = stage -> {
            Scene scene = new Scene(new Label("test shell"), 200, 100);
            scene.addPostLayoutPulseListener(pulses::incrementAndGet);
            stage.setScene(scene);
            stageRef.set(stage);
            return () -> uiClosed.set(true);
        };
        GuiSession session = new GuiSession(shell, new RecordingTrayNotifier(), hideToTray::get, activation, quitRequests::incrementAndGet);

        GuiRuntime runtime = GuiRuntime.start(session, exited::countDown);
        pulsesBeforeShown.set(pulses.get());
        Stage stage = stageRef.get();
        assertThat(onFx(stage::isShowing)).isTrue();
        assertThat(pulsesBeforeShown.get()).as("start returns after the window's first frame").isPositive();

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !onFx(stage::isShowing));
        assertThat(quitRequests).hasValue(0);

        activation.activate();
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(stage::isShowing));

        hideToTray.set(false);
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        await().atMost(Duration.ofSeconds(10)).untilAtomic(quitRequests, Matchers.equalTo(1));

        runtime.close();
        assertThat(exited.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(uiClosed).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().equals(GuiRuntime.THREAD_NAME));
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        FutureTask<T> task = new FutureTask<>(call);
        Platform.runLater(task);
        return task.get(10, TimeUnit.SECONDS);
    }
}
