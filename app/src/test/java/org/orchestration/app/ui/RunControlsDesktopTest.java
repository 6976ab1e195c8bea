package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.app.CompositionRoot;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.ui.UiShell;
import org.orchestration.ui.project.LiveTask;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Pause, resume and cancel clicked on the project screen of the REAL engine (executor, SQLite),
 * headless, with Simulated calls slowed to 1.5 s and one slot so a run lasts long enough to be
 * steered: pause lets the running task finish and starts no other; resume carries on; cancel,
 * after confirming, stops the run and leaves the tasks that had not run CANCELLED; a cancelled
 * task opened from the run table is retried from its screen and completes. What the screen says
 * is checked against the database.
 */
@ExtendWith(ApplicationExtension.class)
class RunControlsDesktopTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CALL_MILLIS = 1_500;

    @TempDir
    static Path tmp;

    private RealEngine engine;
    private UiShell shell;

    @Start
    void start(Stage stage) {
        Path data = tmp.resolve("data");
        try (RealEngine first = RealEngine.start(data)) { // the latency is read at start-up: store it, then start again
            first.services().settings().put(CompositionRoot.SIMULATED_LATENCY_KEY, CALL_MILLIS);
            first.services().settings().put(ModelRouter.MODE_KEY, "simulated");
            first.services().settings().put("execution.concurrency", 1);
            first.services().settings().put(FirstRunSetup.DONE_KEY, true);
        }
        engine = RealEngine.start(data);
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    private Map<TaskStatus, Integer> counts() {
        return engine.services().projects().list(engine.owner()).get(0).taskCounts();
    }

    private int count(TaskStatus status) {
        return counts().getOrDefault(status, 0);
    }

    private ProjectStatus projectStatus() {
        return engine.services().projects().list(engine.owner()).get(0).status();
    }

    private static String badge(FxRobot robot) {
        return DesktopRobot.text(robot, "#statusBadge");
    }

    @Test
    void pauseResumeAndCancelSteerARunOnTheRealEngine(FxRobot robot) throws Exception {
        DesktopRobot.waitFor(WAIT, () -> DesktopRobot.exists(robot, "#newName"));
        robot.clickOn("#newName").write("Steered run");
        robot.clickOn("#create");
        DesktopRobot.waitFor(WAIT, () -> DesktopRobot.exists(robot, "#requirements"));
        TextArea requirements = robot.lookup("#requirements").queryAs(TextArea.class);
        robot.interact(() -> requirements.setText("A command-line tool that converts currencies, with a cache, tests and a user guide."));
        robot.clickOn("#generate");
        DesktopRobot.waitFor(WAIT, () -> !robot.lookup("#approve").queryButton().isDisabled());
        int planned = robot.lookup("#planTable").queryAs(TableView.class).getItems().size();
        assertThat(planned).as("a plan long enough to steer: pause after one, one more, then cancel").isGreaterThanOrEqualTo(4);
        robot.clickOn("#approve");
        DesktopRobot.waitFor(WAIT, () -> !robot.lookup("#start").queryButton().isDisabled());

        robot.clickOn("#start");
        DesktopRobot.waitFor(WAIT, () -> badge(robot).equals("Running") && count(TaskStatus.RUNNING) == 1);

        // pause: the running task finishes, nothing else starts
        robot.clickOn("#pause");
        DesktopRobot.waitFor(WAIT, () -> badge(robot).equals("Paused") && count(TaskStatus.RUNNING) == 0);
        assertThat(projectStatus()).isEqualTo(ProjectStatus.PAUSED);
        int doneWhilePaused = count(TaskStatus.COMPLETED);
        // for two call lengths nothing starts or completes (a dispatch would have done both by then)
        Awaitility.await().during(Duration.ofMillis(2L * CALL_MILLIS)).atMost(Duration.ofMillis(3L * CALL_MILLIS))
                .until(() -> count(TaskStatus.COMPLETED) == doneWhilePaused && count(TaskStatus.RUNNING) == 0);
        assertThat(robot.lookup("#resume").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#pause").queryButton().isDisabled()).isTrue();

        // resume: the run carries on
        robot.clickOn("#resume");
        DesktopRobot.waitFor(WAIT, () -> badge(robot).equals("Running") && count(TaskStatus.RUNNING) == 1);
        assertThat(projectStatus()).isEqualTo(ProjectStatus.RUNNING);
        DesktopRobot.shot((Stage) robot.lookup("#statusBadge").query().getScene().getWindow(), "real-run-resumed");

        // cancel is asked first: "Keep running" keeps it running, "Cancel run" stops it
        robot.clickOn("#cancelRun");
        DesktopRobot.clickDialogButton(robot, "Keep running");
        DesktopRobot.waitFor(WAIT, () -> count(TaskStatus.COMPLETED) > doneWhilePaused);
        assertThat(projectStatus()).isEqualTo(ProjectStatus.RUNNING);
        robot.clickOn("#cancelRun");
        DesktopRobot.clickDialogButton(robot, "Cancel run");
        DesktopRobot.waitFor(WAIT, () -> badge(robot).equals("Cancelled"));
        assertThat(projectStatus()).isEqualTo(ProjectStatus.CANCELLED);
        Map<TaskStatus, Integer> end = counts();
        assertThat(end.getOrDefault(TaskStatus.RUNNING, 0) + end.getOrDefault(TaskStatus.PENDING, 0)).isZero();
        assertThat(end.getOrDefault(TaskStatus.CANCELLED, 0)).isPositive();
        assertThat(end.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(planned);
        assertThat(List.of(robot.lookup("#start").queryButton().isDisabled(), robot.lookup("#pause").queryButton().isDisabled(),
                robot.lookup("#cancelRun").queryButton().isDisabled())).containsOnly(true);

        // a cancelled task is opened from the run table and retried from its own screen
        TableView<LiveTask> runTable = robot.lookup("#runTable").queryAs(TableView.class);
        LiveTask cancelled = runTable.getItems().stream().filter(t -> t.getRow().status() == TaskStatus.CANCELLED).findFirst().orElseThrow();
        Node row = robot.lookup("#runTable .table-row-cell").match(n -> ((TableRow<?>) n).getItem() == cancelled).query();
        robot.doubleClickOn(row);
        DesktopRobot.waitFor(WAIT, () -> DesktopRobot.exists(robot, "#retry") && !robot.lookup("#retry").queryButton().isDisabled());
        robot.clickOn("#retry");
        DesktopRobot.waitFor(WAIT, () -> taskStatus(cancelled.id()) == TaskStatus.COMPLETED);
        assertThat(engine.services().tasks().get(engine.owner(), cancelled.id()).task().attempts()).isGreaterThanOrEqualTo(1);
    }

    private TaskStatus taskStatus(String taskId) {
        return engine.services().tasks().get(engine.owner(), taskId).task().status();
    }
}
