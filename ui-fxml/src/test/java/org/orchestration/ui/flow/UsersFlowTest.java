package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.auth.UserAccount;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Users (admin, multi-user), clicked through on the demo backend: the list, resetting a password,
 * deactivating with a confirmation (cancel keeps the account), closing registration.
 */
@ExtendWith(ApplicationExtension.class)
class UsersFlowTest {

    private DemoShell app;
    private DemoBackend backend;
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

    private List<UserAccount> rows(FxRobot robot) {
        return robot.lookup("#users").<UserAccount>queryTableView().getItems();
    }

    private void selectBob(FxRobot robot) {
        DemoShell.waitUntil(() -> rows(robot).size() == 2);
        int bob = rows(robot).stream().map(r -> r.user().email()).toList().indexOf("bob@example.com");
        robot.clickOn(robot.lookup("#users .table-row-cell").nth(bob).<Node>query());
    }

    private boolean bobIsActive(FxRobot robot) {
        return rows(robot).stream().filter(r -> r.user().email().equals("bob@example.com")).findFirst().orElseThrow().user().active();
    }

    @Test
    void anAdminResetsAPasswordDeactivatesAUserAfterConfirmingAndClosesRegistration(FxRobot robot) {
        DemoShell.waitUntil(() -> DemoShell.visible(robot, "#submit"));
        robot.clickOn("#email").write("admin@example.com");
        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#submit");
        DemoShell.go(robot, "#navUsers", "#users");
        DemoShell.waitUntil(() -> rows(robot).size() == 2);
        assertThat(rows(robot)).extracting(r -> r.user().email()).containsExactlyInAnyOrder("admin@example.com", "bob@example.com");
        Screenshots.save(stage.getScene(), "24-users-list");

        selectBob(robot);
        robot.clickOn("#resetPassword");
        DemoShell.clickDialogButton(robot, "Reset");
        DemoShell.waitUntil(() -> DemoShell.text(robot, "#message").startsWith("Temporary password: "));
        String temp = DemoShell.text(robot, "#message").substring("Temporary password: ".length()).split(" ")[0];
        assertThat(backend.signIn("bob@example.com", temp).email()).isEqualTo("bob@example.com");
        Screenshots.save(stage.getScene(), "25-users-password-reset");

        selectBob(robot);
        robot.clickOn("#toggleActive");
        DemoShell.clickDialogButton(robot, "Cancel");
        assertThat(bobIsActive(robot)).isTrue();

        selectBob(robot);
        robot.clickOn("#toggleActive");
        DemoShell.waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Screenshots.save(robot.lookup(".dialog-pane").query().getScene(), "26-users-deactivate-confirm");
        DemoShell.clickDialogButton(robot, "Deactivate");
        DemoShell.waitUntil(() -> DemoShell.text(robot, "#message").equals("Account deactivated.") && !bobIsActive(robot));
        assertThatThrownBy(() -> backend.signIn("bob@example.com", temp)).isInstanceOf(UnauthorizedException.class);

        CheckBox registration = robot.lookup("#registrationOpen").queryAs(CheckBox.class);
        DemoShell.waitUntil(registration::isSelected);
        robot.clickOn("#registrationOpen");
        DemoShell.waitUntil(() -> DemoShell.text(robot, "#message").equals("Registration is closed."));
        assertThat(backend.registrationOpen()).isFalse();
        Screenshots.save(stage.getScene(), "27-users-registration-closed");

        robot.clickOn("#signOut");
        DemoShell.waitUntil(() -> DemoShell.visible(robot, "#submit"));
        assertThat(DemoShell.visible(robot, "#switchMode")).isFalse(); // no "Register" link while registration is closed
    }
}
