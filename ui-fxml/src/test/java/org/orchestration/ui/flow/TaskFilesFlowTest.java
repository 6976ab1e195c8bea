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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.core.auth.User;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.demo.DemoBackend;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The task screen on the demo backend: its attempts, the files it wrote, and "Open" / "Show in folder" going to the desktop port. */
@ExtendWith(ApplicationExtension.class)
class TaskFilesFlowTest {

    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private DemoShell app;
    private DemoBackend backend;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        backend = new DemoBackend().firstRunDone();
        app = DemoShell.show(stage, backend, opened::add, (owner, title) -> Optional.empty());
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void theTaskScreenListsTheFilesWrittenAndOpensThemThroughThePort(FxRobot robot) {
        User me = backend.localUser();
        String projectId = backend.create(me, "Files").id();
        backend.saveRequirements(me, projectId, "Write the notes.");
        backend.approve(me, backend.generate(me, projectId, CancellationToken.none()).id());
        backend.start(me, projectId);
        await().atMost(Duration.ofSeconds(20)).until(() -> backend.get(me, projectId).status() == ProjectStatus.COMPLETED);
        String taskId = backend.snapshot(me, projectId).tasks().get(0).id();
        TaskFile file = backend.task(me, taskId).filesWritten().get(0);

        DemoShell.waitUntil(() -> DemoShell.visible(robot, "#navProjects"));
        robot.interact(() -> app.shell.navigator().go(new Route.Task(taskId)));
        DemoShell.waitUntil(() -> DemoShell.visible(robot, ".open-file"));
        assertThat(robot.lookup(".written-file").queryAs(Label.class).getText()).isEqualTo("notes/" + taskId + ".md");
        assertThat(robot.lookup(".attempt").queryAs(Label.class).getText()).startsWith("#1 · ").contains(" → ").endsWith(" · completed");
        DemoShell.scrollTo(robot, ".open-file");
        Screenshots.save(stage.getScene(), "30-task-files-and-attempts");

        robot.clickOn(".open-file");
        DemoShell.waitUntil(() -> opened.size() == 1);
        robot.clickOn(".show-in-folder");
        DemoShell.waitUntil(() -> opened.size() == 2);
        assertThat(opened).containsExactly(file.location(), file.location().getParent());
        assertThat(file.location()).endsWith(Path.of("notes", taskId + ".md"));
    }
}
