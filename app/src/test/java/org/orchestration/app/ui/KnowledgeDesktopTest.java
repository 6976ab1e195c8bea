package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.ui.UiShell;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Knowledge screen on the REAL engine (knowledge base service, indexer, embedder, search),
 * headless: add a folder -> indexing progress -> search shows highlighted matches -> an edited
 * file is re-indexed alone and found -> delete after confirming leaves the folder alone. The folder
 * dialog is replaced by a fixed folder (a native dialog cannot be driven headless). Screenshots
 * in app/target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class KnowledgeDesktopTest {

    @TempDir
    static Path tmp;

    private RealEngine engine;
    private UiShell shell;
    private Stage stage;
    private Path docs;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        docs = Files.createDirectories(tmp.resolve("weather-docs"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(docs.resolve("note-" + i + ".md"), "# Note " + i + "\n\nThe build runs the unit tests before packaging.\n");
        }
        Files.writeString(docs.resolve("weather.md"), "# Weather client\n\nThe weather client reads the API key from the "
                + "environment variable WEATHER_KEY and caches forecasts for ten minutes.\n");
        engine = RealEngine.start(tmp.resolve("data"));
        engine.services().settings().put(FirstRunSetup.DONE_KEY, true); // straight to the main window
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.of(docs));
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
    }

    @Test
    void aFolderIsAddedIndexedWithProgressAndSearchedWithHighlightedMatchesOnTheRealEngine(FxRobot robot) throws Exception {
        waitFor(() -> exists(robot, "#navKnowledge"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            if (!exists(robot, "#addFolder")) {
                robot.clickOn("#navKnowledge");
            }
            return exists(robot, "#addFolder");
        });
        List<String> progress = new CopyOnWriteArrayList<>();
        Label indexText = robot.lookup("#indexText").queryAs(Label.class);
        robot.interact(() -> indexText.textProperty().addListener((o, a, b) -> progress.add(b)));
        shot("20-knowledge-empty");

        robot.clickOn("#addFolder");
        DesktopRobot.clickDialogButton(robot, "OK"); // the name prompt, prefilled with the folder's name

        waitFor(() -> progress.stream().anyMatch(p -> p.endsWith(" of 41 documents")));
        waitFor(() -> text(robot, "#message").equals("Indexing finished.") && !exists(robot, "#indexBar"));
        assertThat(progress).contains("41 of 41 documents");
        List<KnowledgeBaseSummary> bases = robot.lookup("#bases").<KnowledgeBaseSummary>queryTableView().getItems();
        waitFor(() -> bases.size() == 1 && bases.get(0).state().equals("ready"));
        assertThat(bases.get(0).name()).isEqualTo("weather-docs");
        assertThat(bases.get(0).documents()).isEqualTo(41);
        List<KnowledgeBase> stored = engine.services().knowledgeBases().list(engine.owner());
        assertThat(stored).singleElement().satisfies(kb -> assertThat(Path.of(kb.rootPath())).isEqualTo(docs.toRealPath()));

        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#query").write("weather key");
        robot.clickOn("#search");
        waitFor(() -> !robot.lookup("#results").queryListView().getItems().isEmpty()
                && !robot.lookup("#results .highlight").queryAll().isEmpty());
        shot("21-knowledge-search");

        assertThat(robot.lookup("#results").queryListView().getItems().get(0).toString()).contains("weather.md");
        assertThat(robot.lookup("#results .highlight").queryAllAs(Text.class))
                .extracting(t -> t.getText().toLowerCase(Locale.ROOT)).contains("weather").allMatch(w -> w.equals("weather") || w.equals("key"));

        // an edited file is picked up by "Re-index", and only the changed document is embedded again
        Files.writeString(docs.resolve("weather.md"), "# Weather client\n\nThe weather client retries three times when the "
                + "forecast service times out, waiting longer each time.\n");
        long noteBefore = indexedAt("note-0.md");
        long weatherBefore = indexedAt("weather.md");
        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#reindex");
        waitFor(() -> text(robot, "#message").equals("Indexing finished.") && !exists(robot, "#indexBar"));
        assertThat(indexedAt("note-0.md")).as("an unchanged file is not embedded again").isEqualTo(noteBefore);
        assertThat(indexedAt("weather.md")).as("the edited file is").isGreaterThan(weatherBefore);
        robot.doubleClickOn("#query").eraseText(20).write("retries");
        robot.clickOn("#search");
        waitFor(() -> robot.lookup("#results .highlight").queryAllAs(Text.class).stream()
                .anyMatch(t -> t.getText().equalsIgnoreCase("retries")));
        assertThat(robot.lookup("#results").queryListView().getItems().get(0).toString()).contains("weather.md");

        // delete: asked first; the index goes, the folder and its files stay
        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#delete");
        DesktopRobot.clickDialogButton(robot, "Cancel");
        assertThat(engine.services().knowledgeBases().list(engine.owner())).hasSize(1);
        robot.clickOn(robot.lookup("#bases .table-row-cell").nth(0).<Node>query());
        robot.clickOn("#delete");
        DesktopRobot.clickDialogButton(robot, "Delete");
        waitFor(() -> engine.services().knowledgeBases().list(engine.owner()).isEmpty()
                && robot.lookup("#bases").queryTableView().getItems().isEmpty());
        assertThat(Files.readString(docs.resolve("weather.md"))).contains("retries three times");
        assertThat(queryLong("SELECT (SELECT count(*) FROM chunks) + (SELECT count(*) FROM documents)"))
                .as("chunks and documents left behind").isZero();
    }

    /** When the knowledge base last embedded the file called {@code name} (read straight from the engine's SQLite file). */
    private long indexedAt(String name) throws SQLException {
        return queryLong("SELECT indexed_at FROM documents WHERE path = '" + name + "' OR path LIKE '%/" + name + "'");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + engine.services().config().databaseFile());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getLong(1);
        }
    }

    private void shot(String name) {
        DesktopRobot.shot(stage, name);
    }

    private static boolean exists(FxRobot robot, String query) {
        return DesktopRobot.exists(robot, query);
    }

    private static String text(FxRobot robot, String query) {
        WaitForAsyncUtils.waitForFxEvents();
        return DesktopRobot.text(robot, query);
    }

    private static void waitFor(Callable<Boolean> condition) {
        DesktopRobot.waitFor(Duration.ofSeconds(60), condition); // indexing embeds every file
    }
}
