package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestration.app.ui.DesktopRobot.exists;
import static org.orchestration.app.ui.DesktopRobot.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.ui.UiShell;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Knowledge folders on the REAL engine, headless: "Add folder" with the data folder is refused
 * with the engine's message and creates nothing; the owner (an admin) allows a folder in Settings
 * with the folder chooser and removes it after confirming. The folder dialog is replaced by a
 * chooser that returns the folder the test names. Screenshots in app/target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class KnowledgeFoldersDesktopTest {

    @TempDir
    static Path tmp;

    private final AtomicReference<Path> chosen = new AtomicReference<>();
    private RealEngine engine;
    private UiShell shell;
    private Stage stage;
    private Path data;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        data = tmp.resolve("data");
        engine = RealEngine.start(data);
        engine.services().settings().put(FirstRunSetup.DONE_KEY, true); // straight to the main window
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.ofNullable(chosen.get()));
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    @Test
    void addingTheDataFolderIsRefusedWithTheEnginesMessageAndNothingIsCreated(FxRobot robot) {
        DesktopRobot.go(robot, "#navKnowledge", "#addFolder");
        waitFor(() -> text(robot, "#ownFolder").contains(data.resolve("knowledge").toString()));

        chosen.set(data);
        robot.clickOn("#addFolder");
        DesktopRobot.clickDialogButton(robot, "OK");

        waitFor(() -> text(robot, "#message").contains("cannot be indexed"));
        DesktopRobot.shot(stage, "24-knowledge-folder-refused");
        assertThat(text(robot, "#message")).contains("never read the engine's data folder");
        assertThat(robot.lookup("#bases").queryTableView().getItems()).isEmpty();
        assertThat(engine.services().knowledgeBases().list(engine.owner())).isEmpty();
    }

    @Test
    void anAdminAllowsAFolderInSettingsAndRemovesItAfterConfirming(FxRobot robot) throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared-docs")).toRealPath();
        DesktopRobot.go(robot, "#navSettings", "#addKnowledgeRoot");
        ListView<Path> roots = robot.lookup("#knowledgeRoots").queryAs(ListView.class);
        ScrollPane page = robot.lookup(".scroll-pane").queryAs(ScrollPane.class);
        robot.interact(() -> page.setVvalue(page.getVmax())); // the card is near the bottom of the page

        chosen.set(shared);
        robot.clickOn("#addKnowledgeRoot");
        waitFor(() -> roots.getItems().contains(shared));
        DesktopRobot.shot(stage, "42-settings-knowledge-roots");
        assertThat(engine.services().knowledgeRoots().allowedRoots()).containsExactly(shared.toString());

        robot.clickOn(robot.lookup("#knowledgeRoots .list-cell").nth(0).<Node>query());
        robot.clickOn("#removeKnowledgeRoot");
        DesktopRobot.clickDialogButton(robot, "Remove");
        waitFor(() -> roots.getItems().isEmpty());
        assertThat(engine.services().knowledgeRoots().allowedRoots()).isEmpty();
        assertThat(text(robot, "#message")).contains("no longer allowed");
    }

    private static void waitFor(Callable<Boolean> condition) {
        DesktopRobot.waitFor(Duration.ofSeconds(20), condition);
    }
}
