package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.ui.UiShell;
import org.orchestration.core.auth.UserAccount;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Users screen on the REAL engine in multi-user mode (AuthService, UserAdminService, bcrypt,
 * SQLite), headless: an admin signs in through the screen, is refused dropping the last admin role,
 * makes a user admin and back, resets a user's password (the
 * temporary password then signs that user in), deactivates the user after confirming (a cancel
 * keeps the account; once deactivated the password no longer works) and closes registration.
 */
@ExtendWith(ApplicationExtension.class)
class UsersDesktopTest {

    private static final String ADMIN = "admin@example.com";
    private static final String BOB = "bob@example.com";

    @TempDir
    static Path tmp;

    private RealEngine engine;
    private UiShell shell;
    private Stage stage;
    private User adminUser;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        engine = RealEngine.startMultiUser(tmp.resolve("data"));
        engine.services().settings().put(FirstRunSetup.DONE_KEY, true);
        adminUser = engine.services().auth().register(ADMIN, "correct horse battery", "Ada Admin"); // the first account is the admin
        engine.services().auth().register(BOB, "bob's old password", "Bob");
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    private List<UserAccount> rows(FxRobot robot) {
        return robot.lookup("#users").<UserAccount>queryTableView().getItems();
    }

    private void selectBob(FxRobot robot) {
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> rows(robot).size() == 2);
        int bob = rows(robot).stream().map(r -> r.user().email()).toList().indexOf(BOB);
        robot.clickOn(robot.lookup("#users .table-row-cell").nth(bob).<Node>query());
    }

    private boolean bobIsActive(FxRobot robot) {
        return rows(robot).stream().filter(r -> r.user().email().equals(BOB)).findFirst().orElseThrow().user().active();
    }

    /** The role stored in the database (read as the admin, who registered first). */
    private Role roleOf(String email) {
        return engine.services().userAdmin().listUsers(adminUser).stream().map(a -> a.user()).filter(u -> u.email().equals(email))
                .findFirst().orElseThrow().role();
    }

    private String message(FxRobot robot) {
        return DesktopRobot.text(robot, "#message");
    }

    @Test
    void anAdminManagesAccountsThroughTheUsersScreenOnTheRealEngine(FxRobot robot) {
        DesktopRobot.waitFor(Duration.ofSeconds(20), () -> DesktopRobot.exists(robot, "#submit"));
        robot.clickOn("#email").write(ADMIN);
        robot.clickOn("#password").write("correct horse battery");
        robot.clickOn("#submit");
        DesktopRobot.go(robot, "#navUsers", "#users");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> rows(robot).size() == 2);
        assertThat(rows(robot)).extracting(r -> r.user().email(), r -> r.user().role())
                .containsExactlyInAnyOrder(Tuple.tuple(ADMIN, Role.ADMIN), Tuple.tuple(BOB, Role.USER));
        DesktopRobot.shot(stage, "real-users-list");

        // the only admin cannot drop their own role: the engine's refusal is shown, nothing changes
        int admin = rows(robot).stream().map(r -> r.user().email()).toList().indexOf(ADMIN);
        robot.clickOn(robot.lookup("#users .table-row-cell").nth(admin).<Node>query());
        robot.clickOn("#toggleAdmin");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> message(robot).contains("last active administrator"));
        assertThat(roleOf(ADMIN)).isEqualTo(Role.ADMIN);

        selectBob(robot);
        robot.clickOn("#toggleAdmin");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> message(robot).equals("Role changed.") && roleOf(BOB) == Role.ADMIN);
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> rows(robot).stream().anyMatch(r -> r.user().email().equals(BOB) && r.user().isAdmin()));
        selectBob(robot);
        robot.clickOn("#toggleAdmin");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> roleOf(BOB) == Role.USER);

        selectBob(robot);
        robot.clickOn("#resetPassword");
        DesktopRobot.clickDialogButton(robot, "Reset");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> message(robot).startsWith("Temporary password: "));
        String temporary = message(robot).substring("Temporary password: ".length()).split(" ")[0];
        assertThat(temporary).hasSize(UserAdminService.TEMPORARY_PASSWORD_LENGTH);
        assertThat(engine.services().auth().signIn(BOB, temporary).email()).isEqualTo(BOB);
        assertThatThrownBy(() -> engine.services().auth().signIn(BOB, "bob's old password")).isInstanceOf(UnauthorizedException.class);

        selectBob(robot);
        robot.clickOn("#toggleActive");
        DesktopRobot.clickDialogButton(robot, "Cancel");
        assertThat(bobIsActive(robot)).isTrue();
        assertThat(engine.services().auth().signIn(BOB, temporary).active()).isTrue();

        selectBob(robot);
        robot.clickOn("#toggleActive");
        DesktopRobot.clickDialogButton(robot, "Deactivate");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> message(robot).equals("Account deactivated.") && !bobIsActive(robot));
        assertThatThrownBy(() -> engine.services().auth().signIn(BOB, temporary)).isInstanceOf(UnauthorizedException.class);

        CheckBox registration = robot.lookup("#registrationOpen").queryAs(CheckBox.class);
        DesktopRobot.waitFor(Duration.ofSeconds(15), registration::isSelected);
        robot.clickOn("#registrationOpen");
        DesktopRobot.waitFor(Duration.ofSeconds(15), () -> message(robot).equals("Registration is closed."));
        assertThat(engine.services().auth().isRegistrationOpen()).isFalse();
        DesktopRobot.shot(stage, "real-users-registration-closed");
    }
}
