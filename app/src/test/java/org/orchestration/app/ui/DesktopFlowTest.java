package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.FxFrameScheduler;
import org.orchestration.ui.common.FxUiExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The desktop app on the REAL engine (SQLite, planner, decomposer, executor, budget, usage log)
 * with the Simulated provider, headless: first run (Simulated) -> create project -> requirements
 * -> generate plan -> approve -> start -> run to completion -> open a task -> usage shows the
 * spend. The Simulated model is given a price so that spend is not $0. Saves a screenshot of each
 * screen to app/target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopFlowTest {

    static final Path SHOTS = DesktopRobot.SHOTS;

    @TempDir
    static Path tmp;

    private RealEngine engine;
    private UiShell shell;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        engine = RealEngine.start(tmp.resolve("data"));
        // Simulated calls cost $0 by default; a price shows the spend flowing into the usage screen.
        engine.services().settings().put(Pricing.OVERRIDES_KEY, Map.of("simulated", Map.of("input", 3, "output", 15)));
        shell = new UiShell(engine.services(), path -> { }, new FxUiExecutor(2), new FxFrameScheduler(), Clock.systemDefaultZone(), type -> null);
        shell.show(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    @Test
    void aNewUserGoesFromFirstRunToAFinishedRunOnTheRealEngineAndSeesTheSpend(FxRobot robot) {
        waitFor(() -> exists(robot, "#finish"));
        shot("01-first-run");
        robot.clickOn("#simulated");
        waitFor(() -> !robot.lookup("#finish").queryButton().isDisabled());
        robot.clickOn("#finish");

        waitFor(() -> exists(robot, "#newName"));
        assertThat(engine.services().settings().get(FirstRunSetup.DONE_KEY, Boolean.class)).contains(true);
        shot("02-dashboard-empty");
        robot.clickOn("#newName").write("Weather CLI");
        robot.clickOn("#create");

        waitFor(() -> exists(robot, "#requirements"));
        TextArea requirements = robot.lookup("#requirements").queryAs(TextArea.class);
        robot.interact(() -> requirements.setText("""
                A command-line tool that shows the weather for a city.
                It reads an API key from the environment, caches answers for ten minutes,
                prints a three-day forecast as a table, and has tests and a short user guide."""));
        shot("03-project-requirements");
        robot.clickOn("#generate");

        waitFor(() -> !robot.lookup("#approve").queryButton().isDisabled());
        shot("04-plan-review");
        int planned = robot.lookup("#planTable").queryAs(TableView.class).getItems().size();
        assertThat(planned).isPositive();
        assertThat(text(robot, "#forecast")).startsWith("Forecast $");
        robot.clickOn("#approve");

        waitFor(() -> !robot.lookup("#start").queryButton().isDisabled());
        shot("05-ready");
        robot.clickOn("#start");
        await().atMost(Duration.ofSeconds(60)).until(() -> text(robot, "#statusBadge").equals("Completed"));
        waitFor(() -> text(robot, "#progress").equals(planned + " of " + planned + " tasks done"));
        shot("06-run-completed");
        ProjectSummary project = engine.services().projects().list(engine.owner()).get(0);
        assertThat(project.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(project.taskCounts()).containsEntry(TaskStatus.COMPLETED, planned);

        Node firstRow = robot.lookup("#runTable .table-row-cell").nth(0).query();
        robot.doubleClickOn(firstRow);
        waitFor(() -> exists(robot, "#retry") && !text(robot, "#title").isEmpty());
        assertThat(text(robot, "#modelBadge")).isEqualTo("Simulated");
        assertThat(robot.lookup("#retry").queryButton().isDisabled()).isTrue();
        shot("07-task");

        robot.clickOn("#navUsage");
        waitFor(() -> exists(robot, "#today") && text(robot, "#today").startsWith("$")
                && !text(robot, "#today").startsWith("$0.00 "));
        shot("08-usage");

        robot.clickOn("#navProjects");
        waitFor(() -> exists(robot, "#table") && !robot.lookup("#table").queryTableView().getItems().isEmpty());
        shot("09-dashboard");
        robot.clickOn("#navKnowledge");
        waitFor(() -> exists(robot, "#addFolder"));
        shot("10-knowledge");
        robot.clickOn("#navServices");
        waitFor(() -> exists(robot, "#tools") && !robot.lookup("#tools").queryTableView().getItems().isEmpty());
        shot("11-services");
        robot.clickOn("#navSettings");
        waitFor(() -> exists(robot, "#dailyBudget") && !robot.lookup("#dailyBudget").queryTextInputControl().getText().isEmpty());
        shot("12-settings");
        assertThat(Files.exists(SHOTS.resolve("08-usage.png"))).isTrue();
    }

    private void shot(String name) {
        DesktopRobot.shot(stage, name);
    }

    private static boolean exists(FxRobot robot, String query) {
        return DesktopRobot.exists(robot, query);
    }

    private static String text(FxRobot robot, String query) {
        return DesktopRobot.text(robot, query);
    }

    private static void waitFor(Callable<Boolean> condition) {
        DesktopRobot.waitFor(Duration.ofSeconds(20), condition);
    }
}
