package org.orchestration.app.gui;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/**
 * Shows why the app could not start: a JavaFX alert when a display is available, and always the
 * same line on stderr (the only channel left without a display).
 */
public final class StartupFailureDialog {

    private StartupFailureDialog() {
    }

    public static void show(String message, PrintStream err) {
        err.println(message);
        CountDownLatch closed = new CountDownLatch(1);
        Runnable alert = () -> {
            try {
                Alert a = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
                a.setTitle("Orchestration Engine");
                a.setHeaderText("Orchestration Engine could not start");
                a.showAndWait();
            } finally {
                closed.countDown();
            }
        };
        try {
            // Only when JavaFX has not been started: if it was (the window step itself failed),
            // its toolkit cannot be trusted to show anything, and stderr has the message.
            JavaFxWarnings.install();
            Platform.startup(alert);
            closed.await(10, TimeUnit.MINUTES);
            Platform.exit();
        } catch (Throwable noDisplayOrToolkitUsed) {
            // stderr already has the message
        }
    }
}
