package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.common.Route;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main flow, headless, on the real engine (Simulated provider, fresh SQLite): first run
 * (Simulated) -> create project -> generate plan -> approve -> run to completion -> open a task ->
 * usage shows the spend. Saves a screenshot of every screen.
 */
@ExtendWith(ApplicationExtension.class)
class MainFlowTest {

    @TempDir
    static Path dir;
    static UiEngine engine;

    private EngineShell app;
    private UiShell shell;
    private Stage stage;

    /**
     * A fresh engine: the first-run screen comes first. The Simulated model costs $0 as shipped; a
     * price for it (as a user would set one in Settings) makes the run's spend show on Usage.
     */
    @BeforeAll
    static void startEngine() {
        engine = EngineShell.withToolsOffline(dir);
        engine.engine.settings.put(Pricing.OVERRIDES_KEY, Map.of(SimulatedProvider.MODEL, Map.of("input", 30, "output", 30)));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine);
        shell = app.shell;
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void aNewUserGoesFromFirstRunToAFinishedRunAndSeesTheSpend(FxRobot robot) {
        waitFor(() -> exists(robot, "#finish"));
        shot("01-first-run");

        robot.clickOn("#simulated");
        waitFor(() -> !robot.lookup("#finish").queryButton().isDisabled());
        robot.clickOn("#finish");

        waitFor(() -> exists(robot, "#newName"));
        shot("02-dashboard-empty");
        robot.clickOn("#newName").write("Weather CLI");
        robot.clickOn("#create");

        waitFor(() -> exists(robot, "#requirements"));
        TextArea requirements = robot.lookup("#requirements").queryAs(TextArea.class);
        // four items: the Simulated planner makes a task for each, plus analysis and review (6 tasks)
        robot.interact(() -> requirements.setText("""
                A command-line tool that shows the weather for a city.
                - Read an API key from the environment.
                - Cache answers for ten minutes.
                - Print a three-day forecast as a table.
                - Write tests and a short user guide."""));
        shot("03-project-requirements");
        robot.clickOn("#generate");

        waitFor(() -> !robot.lookup("#approve").queryButton().isDisabled());
        shot("04-plan-review");
        assertThat(robot.lookup("#planTable").queryAs(TableView.class).getItems()).hasSize(6);
        assertThat(robot.lookup("#forecast").queryAs(Label.class).getText()).startsWith("Forecast $");
        robot.clickOn("#approve");

        waitFor(() -> !robot.lookup("#start").queryButton().isDisabled());
        robot.clickOn("#start");
        waitFor(() -> robot.lookup("#log").queryListView().getItems().size() > 3);
        shot("05-run-in-progress");
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot, "#statusBadge").equals("Completed"));
        waitFor(() -> text(robot, "#progress").equals("6 of 6 tasks done"));
        shot("06-run-completed");

        TableView<?> runTable = robot.lookup("#runTable").queryAs(TableView.class);
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
        waitFor(() -> "usage".equals(app.services.uiPrefs().load().lastScreen()));
        assertThat(runTable).isNotNull();

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
        waitFor(() -> exists(robot, "#dailyBudget") && !robot.lookup("#dailyBudget").queryAs(TextField.class).getText().isEmpty());
        shot("12-settings");

        ChoiceBox<ThemeChoice> theme = robot.lookup("#theme").queryAs(ChoiceBox.class);
        robot.interact(() -> theme.setValue(ThemeChoice.DARK));
        waitFor(() -> app.services.uiPrefs().load().theme() == ThemeChoice.DARK);
        robot.interact(() -> shell.navigator().goBack());
        robot.interact(() -> shell.navigator().go(new Route.Dashboard()));
        waitFor(() -> exists(robot, "#table") && !robot.lookup("#table").queryTableView().getItems().isEmpty());
        shot("12b-dashboard-dark");
        robot.interact(() -> shell.navigator().goBack());
        robot.interact(() -> shell.navigator().goBack());
        robot.interact(() -> shell.navigator().goBack());
        robot.interact(() -> shell.navigator().goBack());
        robot.interact(() -> shell.navigator().goBack());
        waitFor(() -> exists(robot, "#runTable") || exists(robot, "#retry") || exists(robot, "#today"));
        shot("12c-dark");
        robot.interact(() -> theme.setValue(ThemeChoice.LIGHT));

        robot.interact(() -> shell.navigator().go(new Route.Project("no-such-project")));
        waitFor(() -> exists(robot, "#home"));
        shot("13-not-found");

        robot.interact(() -> shell.showError(new IllegalStateException("A sample error for the error window")));
        WaitForAsyncUtils.waitForFxEvents();
        Window errorWindow = robot.listTargetWindows().stream()
                .filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow();
        Screenshots.save(errorWindow.getScene(), "14-error-window");
        assertThat(Files.exists(Screenshots.DIR.resolve("08-usage.png"))).isTrue();
    }

    private void shot(String name) {
        Screenshots.save(stage.getScene(), name);
    }

    private static boolean exists(FxRobot robot, String query) {
        return EngineShell.visible(robot, query);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n instanceof Label l ? l.getText()
                : n instanceof Button b ? b.getText() : "").orElse("");
    }

    private static void waitFor(Callable<Boolean> condition) {
        EngineShell.waitUntil(condition);
    }
}
