package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Knowledge, clicked through on the demo backend: add a folder -> indexing progress -> search with highlighted matches. */
@ExtendWith(ApplicationExtension.class)
class KnowledgeFlowTest {

    @TempDir
    static Path docs;

    private DemoShell app;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        // enough files that the demo's indexing pace (5 ms a file) leaves the progress bar on screen a while
        for (int i = 0; i < 300; i++) {
            Files.writeString(docs.resolve("note-" + i + ".md"), "Note " + i + ": the cache keeps forecasts for ten minutes.\n");
        }
        Files.writeString(docs.resolve("weather.md"), "The Weather client reads the API key from the environment.\n");
        app = DemoShell.show(stage, new DemoBackend().firstRunDone(), p -> { }, (owner, title) -> Optional.of(docs));
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void aFolderIsAddedIndexedWithProgressAndSearchedWithHighlightedMatches(FxRobot robot) {
        DemoShell.go(robot, "#navKnowledge", "#addFolder");
        Screenshots.save(stage.getScene(), "20-knowledge-empty");

        robot.clickOn("#addFolder");
        DemoShell.clickDialogButton(robot, "OK"); // the name prompt, prefilled with the folder's name

        DemoShell.waitUntil(() -> DemoShell.visible(robot, "#indexBar") && DemoShell.text(robot, "#indexText").endsWith(" of 301 documents"));
        Screenshots.save(stage.getScene(), "21-knowledge-indexing");
        assertThat(robot.lookup("#indexProgress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()).isBetween(0.0, 1.0);

        DemoShell.waitUntil(() -> !DemoShell.visible(robot, "#indexBar") && DemoShell.text(robot, "#message").equals("Indexing finished."));
        List<KnowledgeBaseSummary> bases = robot.lookup("#bases").<KnowledgeBaseSummary>queryTableView().getItems();
        DemoShell.waitUntil(() -> !bases.isEmpty() && bases.get(0).state().equals("ready"));
        assertThat(bases).singleElement().satisfies(kb -> {
            assertThat(kb.name()).isEqualTo(docs.getFileName().toString());
            assertThat(kb.documents()).isEqualTo(301);
        });

        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#query").write("weather key");
        robot.clickOn("#search");

        DemoShell.waitUntil(() -> !robot.lookup("#results").queryListView().getItems().isEmpty()
                && !robot.lookup("#results .highlight").queryAll().isEmpty());
        Screenshots.save(stage.getScene(), "22-knowledge-search");
        assertThat(robot.lookup("#results .highlight").queryAllAs(Text.class)).extracting(t -> t.getText().toLowerCase(Locale.ROOT))
                .contains("weather", "key").allMatch(w -> w.equals("weather") || w.equals("key"));
        assertThat(robot.lookup("#query").queryAs(TextField.class).getText()).isEqualTo("weather key");
    }
}
