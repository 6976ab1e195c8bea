package org.orchestration.app.gui;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.orchestration.app.tray.InAppNotificationArea;
import org.orchestration.app.tray.Notification;

/**
 * Where the desktop has no system tray, shows each notification of the
 * {@link InAppNotificationArea} as a small toast at the top right of the main window for a few
 * seconds (a task failed, a project completed, a plan is ready, a budget threshold).
 */
public final class NotificationToasts {

    /** How long a toast stays. */
    static final Duration SHOWN_FOR = Duration.seconds(8);

    private NotificationToasts() {
    }

    /** Starts showing the area's notifications over {@code stage}. */
    public static void attach(Stage stage, InAppNotificationArea area) {
        area.addListener(n -> Platform.runLater(() -> show(stage, n)));
    }

    static Popup show(Stage stage, Notification n) {
        if (!stage.isShowing()) {
            return null;
        }
        Label title = new Label(n.title());
        title.setStyle("-fx-font-weight: bold;");
        Label message = new Label(n.message());
        message.setWrapText(true);
        message.setMaxWidth(320);
        VBox box = new VBox(4, title, message);
        box.getStyleClass().add("notification-toast");
        box.setPadding(new Insets(10, 14, 10, 14));
        box.setStyle("-fx-background-color: #1f2937; -fx-background-radius: 6; -fx-text-fill: white;");
        title.setTextFill(javafx.scene.paint.Color.WHITE);
        message.setTextFill(javafx.scene.paint.Color.web("#e5e7eb"));
        Popup popup = new Popup();
        popup.getContent().add(box);
        popup.setAutoHide(false);
        popup.show(stage, stage.getX() + Math.max(0, stage.getWidth() - 360), stage.getY() + 40);
        PauseTransition hide = new PauseTransition(SHOWN_FOR);
        hide.setOnFinished(e -> popup.hide());
        hide.play();
        return popup;
    }
}
