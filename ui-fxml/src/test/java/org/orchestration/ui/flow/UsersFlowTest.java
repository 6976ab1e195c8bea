package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.auth.UserAccount;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Users (admin, multi-user), clicked through on the real engine: the list, resetting a password,
 * deactivating with a confirmation (cancel keeps the account), closing registration.
 */
@ExtendWith(ApplicationExtension.class)
class UsersFlowTest {

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

    private List<UserAccount> rows(FxRobot robot) {
        return robot.lookup("#users").<UserAccount>queryTableView().getItems();
    }

    private void selectBob(FxRobot robot) {
        EngineShell.waitUntil(() -> rows(robot).size() == 2);
        int bob = rows(robot).stream().map(r -> r.user().email()).toList().indexOf(EngineShell.BOB);
        robot.clickOn(robot.lookup("#users .table-row-cell").nth(bob).<Node>query());
    }

    private boolean bobIsActive(FxRobot robot) {
        return rows(robot).stream().filter(r -> r.user().email().equals(EngineShell.BOB)).findFirst().orElseThrow().user().active();
    }

    @Test
    void anAdminResetsAPasswordDeactivatesAUserAfterConfirmingAndClosesRegistration(FxRobot robot) {
        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#submit"));
        robot.clickOn("#email").write(EngineShell.ADMIN);
        robot.clickOn("#password").write(EngineShell.ADMIN_PASSWORD);
        robot.clickOn("#submit");
        EngineShell.go(robot, "#navUsers", "#users");
        EngineShell.waitUntil(() -> rows(robot).size() == 2);
        assertThat(rows(robot)).extracting(r -> r.user().email()).containsExactlyInAnyOrder(EngineShell.ADMIN, EngineShell.BOB);
        Screenshots.save(stage.getScene(), "24-users-list");

        selectBob(robot);
        robot.clickOn("#resetPassword");
        EngineShell.clickDialogButton(robot, "Reset");
        EngineShell.waitUntil(() -> EngineShell.text(robot, "#message").startsWith("Temporary password: "));
        String temp = EngineShell.text(robot, "#message").substring("Temporary password: ".length()).split(" ")[0];
        assertThat(app.services.auth().signIn(EngineShell.BOB, temp).email()).isEqualTo(EngineShell.BOB);
        Screenshots.save(stage.getScene(), "25-users-password-reset");

        selectBob(robot);
        robot.clickOn("#toggleActive");
        EngineShell.clickDialogButton(robot, "Cancel");
        assertThat(bobIsActive(robot)).isTrue();

        selectBob(robot);
        robot.clickOn("#toggleActive");
        EngineShell.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Screenshots.save(robot.lookup(".dialog-pane").query().getScene(), "26-users-deactivate-confirm");
        EngineShell.clickDialogButton(robot, "Deactivate");
        EngineShell.waitUntil(() -> EngineShell.text(robot, "#message").equals("Account deactivated.") && !bobIsActive(robot));
        assertThatThrownBy(() -> app.services.auth().signIn(EngineShell.BOB, temp)).isInstanceOf(UnauthorizedException.class);

        CheckBox registration = robot.lookup("#registrationOpen").queryAs(CheckBox.class);
        EngineShell.waitUntil(registration::isSelected);
        robot.clickOn("#registrationOpen");
        EngineShell.waitUntil(() -> EngineShell.text(robot, "#message").equals("Registration is closed."));
        assertThat(engine.engine.services().auth().isRegistrationOpen()).isFalse();
        Screenshots.save(stage.getScene(), "27-users-registration-closed");

        robot.clickOn("#signOut");
        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#submit"));
        assertThat(EngineShell.visible(robot, "#switchMode")).isFalse(); // no "Register" link while registration is closed
    }
}
