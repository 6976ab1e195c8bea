package org.orchestration.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Popup;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.app.tray.InAppNotificationArea;
import org.orchestration.app.tray.Notification;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Without a system tray, notifications appear over the main window. */
@ExtendWith(ApplicationExtension.class)
class NotificationToastsTest {

    private final InAppNotificationArea area = new InAppNotificationArea();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("main window")), 800, 600));
        stage.show();
        NotificationToasts.attach(stage, area);
    }

    @Test
    void aNotificationPublishedFromAnyThreadAppearsAsAToastOverTheWindow(FxRobot robot) {
        new Thread(() -> area.notify(new Notification(Notification.Kind.PROJECT_COMPLETED, "Project completed",
                "Weather CLI finished: 6 of 6 tasks."))).start();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.listTargetWindows().stream().anyMatch(w -> w instanceof Popup && w.isShowing());
        });
        Popup toast = (Popup) robot.listTargetWindows().stream().filter(w -> w instanceof Popup).findFirst().orElseThrow();
        assertThat(robot.from(toast.getContent().get(0)).lookup(".label").queryAll())
                .extracting(n -> ((Label) n).getText())
                .containsExactly("Project completed", "Weather CLI finished: 6 of 6 tasks.");
    }
}
