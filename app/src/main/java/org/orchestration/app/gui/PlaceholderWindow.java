package org.orchestration.app.gui;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.orchestration.app.Version;
import org.orchestration.app.tray.InAppNotificationArea;
import org.orchestration.app.tray.Notification;

/**
 * A stand-in main window until {@code org.orchestration.ui.UiShell} is merged: title, data
 * folder and the in-app notification area, so the shell (tray, close-to-tray, single instance)
 * can be run and seen end to end.
 */
public final class PlaceholderWindow {

    private PlaceholderWindow() {
    }

    public static UiShellFactory factory(Path dataDir, InAppNotificationArea notifications) {
        return stage -> open(stage, dataDir, notifications);
    }

    static AutoCloseable open(Stage stage, Path dataDir, InAppNotificationArea notifications) {
        ListView<String> list = new ListView<>();
        notifications.recent().forEach(n -> list.getItems().add(line(n)));
        notifications.addListener(n -> Platform.runLater(() -> list.getItems().add(line(n))));
        list.setPlaceholder(new Label("No notifications yet."));
        Label title = new Label("Orchestration Engine " + Version.current());
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        VBox root = new VBox(12, title, new Label("Data folder: " + dataDir), new Label("Notifications"), list);
        root.setPadding(new Insets(16));
        stage.setTitle("Orchestration Engine");
        stage.setScene(new Scene(root, 720, 480));
        return () -> { };
    }

    private static String line(Notification n) {
        return n.title() + " — " + n.message();
    }
}
