package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Multi-user mode on the real engine: the sign-in screen, its generic error, the admin-only Users screen, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class SignInFlowTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() {
        engine = EngineShell.multiUser(dir);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void anAdminSignsInAfterAWrongPasswordAndManagesUsers(FxRobot robot) {
        waitFor(robot, "#submit");
        robot.clickOn("#email").write(EngineShell.ADMIN);
        robot.clickOn("#password").write("wrong password");
        robot.clickOn("#submit");
        await().until(() -> label(robot, "#error").equals("Email or password is incorrect."));
        Screenshots.save(stage.getScene(), "16-sign-in-error");

        robot.clickOn("#password").write(EngineShell.ADMIN_PASSWORD);
        robot.clickOn("#submit");
        waitFor(robot, "#navUsers");
        robot.clickOn("#navUsers");
        await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#users").tryQuery().map(n -> !((TableView<?>) n).getItems().isEmpty())
                    .orElse(false);
        });
        assertThat(robot.lookup("#users").queryTableView().getItems()).hasSize(2);
        Screenshots.save(stage.getScene(), "17-users");

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitFor(robot, "#today");
        robot.push(KeyCode.ALT, KeyCode.LEFT);
        waitFor(robot, "#users");
    }

    private static String label(FxRobot robot, String q) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(q).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    private static void waitFor(FxRobot robot, String q) {
        EngineShell.waitUntil(() -> EngineShell.visible(robot, q));
    }
}
