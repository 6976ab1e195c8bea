package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.UiShell;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The project list on the REAL engine (ProjectService, SQLite), headless: two projects created
 * from the dashboard, one renamed through its row's button (an empty name is refused, naming
 * the field), the other deleted after confirming (a cancel keeps it). Checked against the
 * database.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardDesktopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    private RealEngine engine;
    private UiShell shell;

    @Start
    void start(Stage stage) {
        engine = RealEngine.start(tmp.resolve("data"));
        engine.services().settings().put(FirstRunSetup.DONE_KEY, true);
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    private List<String> storedNames() {
        return engine.services().projects().list(engine.owner()).stream().map(ProjectSummary::name).sorted().toList();
    }

    private void create(FxRobot robot, String name) {
        DesktopRobot.go(robot, "#navProjects", "#newName");
        robot.clickOn("#newName").write(name);
        robot.clickOn("#create");
        DesktopRobot.waitFor(WAIT, () -> DesktopRobot.exists(robot, "#requirements"));
    }

    /** The button with {@code tip} in the dashboard row of the project called {@code name}. */
    private static Button rowButton(FxRobot robot, String name, String tip) {
        Node row = robot.lookup("#table .table-row-cell")
                .match(n -> ((TableRow<?>) n).getItem() instanceof ProjectSummary p && p.name().equals(name)).query();
        return robot.from(row).lookup(".button").queryAllAs(Button.class).stream()
                .filter(b -> tip.equals(b.getAccessibleText())).findFirst().orElseThrow();
    }

    private static boolean listed(FxRobot robot, String name) {
        return robot.lookup("#table").queryTableView().getItems().stream()
                .anyMatch(i -> i instanceof ProjectSummary p && p.name().equals(name));
    }

    @Test
    void projectsAreCreatedRenamedAndDeletedFromTheListOnTheRealEngine(FxRobot robot) {
        create(robot, "Weather CLI");
        create(robot, "Scratch");
        DesktopRobot.go(robot, "#navProjects", "#table");
        DesktopRobot.waitFor(WAIT, () -> listed(robot, "Weather CLI") && listed(robot, "Scratch"));
        assertThat(storedNames()).containsExactly("Scratch", "Weather CLI");

        // rename: an empty name is refused, then a real one is stored
        robot.clickOn(rowButton(robot, "Weather CLI", "Rename"));
        TextField field = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> field.setText("   "));
        DesktopRobot.clickDialogButton(robot, "OK");
        DesktopRobot.waitFor(WAIT, () -> !DesktopRobot.text(robot, "#actionError").isEmpty());
        assertThat(DesktopRobot.text(robot, "#actionError")).containsIgnoringCase("name");
        assertThat(storedNames()).containsExactly("Scratch", "Weather CLI");
        robot.clickOn(rowButton(robot, "Weather CLI", "Rename"));
        TextField again = robot.lookup(".dialog-pane .text-field").queryAs(TextField.class);
        robot.interact(() -> again.setText("Weather CLI v2"));
        DesktopRobot.clickDialogButton(robot, "OK");
        DesktopRobot.waitFor(WAIT, () -> listed(robot, "Weather CLI v2"));
        assertThat(storedNames()).containsExactly("Scratch", "Weather CLI v2");

        // delete: a cancel keeps it, confirming removes it
        robot.clickOn(rowButton(robot, "Scratch", "Delete"));
        DesktopRobot.clickDialogButton(robot, "Cancel");
        assertThat(storedNames()).contains("Scratch");
        robot.clickOn(rowButton(robot, "Scratch", "Delete"));
        DesktopRobot.clickDialogButton(robot, "Delete");
        DesktopRobot.waitFor(WAIT, () -> !listed(robot, "Scratch"));
        assertThat(storedNames()).containsExactly("Weather CLI v2");
    }
}
