package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.ui.demo.DemoBackend;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Multi-user mode: the sign-in screen, its generic error, the admin-only Users screen, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class SignInFlowTest {

    private DemoBackend backend;
    private DemoShell app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        backend = DemoShell.multiUserBackend();
        app = DemoShell.show(stage, backend);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void anAdminSignsInAfterAWrongPasswordAndManagesUsers(FxRobot robot) {
        waitFor(robot, "#submit");
        robot.clickOn("#email").write("admin@example.com");
        robot.clickOn("#password").write("wrong password");
        robot.clickOn("#submit");
        await().until(() -> label(robot, "#error").equals("Email or password is incorrect."));
        Screenshots.save(stage.getScene(), "16-sign-in-error");

        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#submit");
        waitFor(robot, "#navUsers");
        robot.clickOn("#navUsers");
        await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#users").tryQuery().map(n -> !((javafx.scene.control.TableView<?>) n).getItems().isEmpty())
                    .orElse(false);
        });
        assertThat(robot.lookup("#users").queryTableView().getItems()).hasSize(2);
        Screenshots.save(stage.getScene(), "17-users");

        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT2);
        waitFor(robot, "#today");
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.LEFT);
        waitFor(robot, "#users");
    }

    private static String label(FxRobot robot, String q) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(q).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static void waitFor(FxRobot robot, String q) {
        DemoShell.waitUntil(() -> DemoShell.visible(robot, q));
    }
}
