package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Knowledge, clicked through on the real engine (knowledge base service, indexer, test embedder,
 * search): add a folder -> indexing progress -> search with highlighted matches.
 */
@ExtendWith(ApplicationExtension.class)
class KnowledgeFlowTest {

    @TempDir
    static Path docs;
    @TempDir
    static Path dir;
    static UiEngine engine;

    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() {
        engine = EngineShell.singleUser(dir);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        // enough files that the progress bar is on screen a while
        for (int i = 0; i < 300; i++) {
            Files.writeString(docs.resolve("note-" + i + ".md"), "Note " + i + ": the cache keeps forecasts for ten minutes.\n");
        }
        Files.writeString(docs.resolve("weather.md"), "The Weather client reads the API key from the environment.\n");
        app = EngineShell.show(stage, engine, p -> { }, (owner, title) -> Optional.of(docs));
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    @Test
    void aFolderIsAddedIndexedWithProgressAndSearchedWithHighlightedMatches(FxRobot robot) {
        EngineShell.go(robot, "#navKnowledge", "#addFolder");
        Screenshots.save(stage.getScene(), "20-knowledge-empty");
        // the real indexer may be quicker than a poll: record what the bar showed while it was on screen
        List<String> shownWhileIndexing = new CopyOnWriteArrayList<>();
        List<Double> progressWhileIndexing = new CopyOnWriteArrayList<>();
        Node bar = robot.lookup("#indexBar").query();
        Label indexText = robot.lookup("#indexText").queryAs(Label.class);
        ProgressBar indexProgress = robot.lookup("#indexProgress").queryAs(ProgressBar.class);
        robot.interact(() -> {
            indexText.textProperty().addListener((o, a, b) -> {
                if (bar.isVisible()) {
                    shownWhileIndexing.add(b);
                }
            });
            indexProgress.progressProperty().addListener((o, a, b) -> {
                if (bar.isVisible()) {
                    progressWhileIndexing.add(b.doubleValue());
                }
            });
        });

        robot.clickOn("#addFolder");
        EngineShell.clickDialogButton(robot, "OK"); // the name prompt, prefilled with the folder's name

        EngineShell.waitUntil(() -> shownWhileIndexing.stream().anyMatch(t -> t.endsWith(" of 301 documents")));
        Screenshots.save(stage.getScene(), "21-knowledge-indexing");
        // indeterminate until the files are counted, then a fraction that moves between 0 and 1
        assertThat(progressWhileIndexing).allSatisfy(p -> assertThat(p == ProgressBar.INDETERMINATE_PROGRESS || (p >= 0 && p <= 1)).isTrue())
                .anyMatch(p -> p > 0 && p < 1);

        EngineShell.waitUntil(() -> !EngineShell.visible(robot, "#indexBar") && EngineShell.text(robot, "#message").equals("Indexing finished."));
        List<KnowledgeBaseSummary> bases = robot.lookup("#bases").<KnowledgeBaseSummary>queryTableView().getItems();
        EngineShell.waitUntil(() -> !bases.isEmpty() && bases.get(0).state().equals("ready"));
        assertThat(bases).singleElement().satisfies(kb -> {
            assertThat(kb.name()).isEqualTo(docs.getFileName().toString());
            assertThat(kb.documents()).isEqualTo(301);
        });
        List<KnowledgeBase> stored = engine.engine.services().knowledgeBases().list(app.owner());
        assertThat(stored).singleElement().satisfies(kb -> assertThat(kb.name()).isEqualTo(docs.getFileName().toString()));

        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#query").write("weather key");
        robot.clickOn("#search");

        EngineShell.waitUntil(() -> !robot.lookup("#results").queryListView().getItems().isEmpty()
                && !robot.lookup("#results .highlight").queryAll().isEmpty());
        Screenshots.save(stage.getScene(), "22-knowledge-search");
        assertThat(robot.lookup("#results .highlight").queryAllAs(Text.class)).extracting(t -> t.getText().toLowerCase(Locale.ROOT))
                .contains("weather", "key").allMatch(w -> w.equals("weather") || w.equals("key"));
        assertThat(robot.lookup("#query").queryAs(TextField.class).getText()).isEqualTo("weather key");
    }
}
