package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanTask;
import org.orchestration.core.projects.Project;
import org.orchestration.core.tools.WriteFileTool;
import org.orchestration.ui.common.Route;
import org.orchestration.core.execution.RunTask;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The task screen on the real engine: a task that writes a file with the real write_file tool (the
 * Simulated provider calls it), its attempts, the files it wrote, and "Open" / "Show in folder"
 * going to the desktop opener.
 */
@ExtendWith(ApplicationExtension.class)
class TaskFilesFlowTest {

    static final String NOTES = "notes/weather.md";
    static final String WRITER = "Save the notes";

    @TempDir
    static Path dir;
    static UiEngine engine;

    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() {
        engine = EngineShell.firstRunDone(EngineShell.withToolsOffline(dir));
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine, opened::add, (owner, title) -> Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    /** Plans, approves and runs a project whose extra task writes {@value #NOTES}; answers that task's id. */
    private static String runAProjectThatWritesNotes(User me) {
        EngineServices s = engine.engine.services();
        Project project = s.projects().create(me, "Files", "Write the notes.");
        Plan plan = s.planner().generatePlan(me, project.id(), CancellationToken.none());
        String call = "[[SIMULATE_TOOL:" + WriteFileTool.NAME + " {\"path\":\"" + NOTES + "\",\"content\":\"Notes about the weather.\"}]]";
        s.planEditor().addTask(me, plan.id(), new PlanTask(WRITER, "Save the notes to a file. " + call, "writing", "simple", 50,
                List.of(), List.of(WriteFileTool.NAME), 1_000, null, null, null, null));
        s.decomposer().approve(me, plan.id());
        s.executor().start(me, project.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> s.projects().get(me, project.id()).status() == ProjectStatus.COMPLETED);
        return s.runSnapshots().snapshot(me, project.id()).tasks().stream().filter(t -> t.title().equals(WRITER))
                .map(RunTask::id).findFirst().orElseThrow();
    }

    @Test
    void theTaskScreenListsTheFilesWrittenAndOpensThemThroughThePort(FxRobot robot) {
        User me = app.owner();
        String taskId = runAProjectThatWritesNotes(me);
        TaskFile file = app.services.taskReports().report(me, taskId).filesWritten().get(0);

        EngineShell.waitUntil(() -> EngineShell.visible(robot, "#navProjects"));
        robot.interact(() -> app.shell.navigator().go(new Route.Task(taskId)));
        EngineShell.waitUntil(() -> EngineShell.visible(robot, ".open-file"));
        assertThat(robot.lookup(".written-file").queryAs(Label.class).getText()).isEqualTo(NOTES);
        assertThat(robot.lookup(".attempt").queryAs(Label.class).getText()).startsWith("#1 · ").contains(" → ").endsWith(" · completed");
        EngineShell.scrollTo(robot, ".open-file");
        Screenshots.save(stage.getScene(), "30-task-files-and-attempts");

        robot.clickOn(".open-file");
        EngineShell.waitUntil(() -> opened.size() == 1);
        robot.clickOn(".show-in-folder");
        EngineShell.waitUntil(() -> opened.size() == 2);
        assertThat(opened).containsExactly(file.location(), file.location().getParent());
        assertThat(file.location()).endsWith(Path.of(NOTES));
        assertThat(file.location()).isRegularFile().hasContent("Notes about the weather.");
    }
}
