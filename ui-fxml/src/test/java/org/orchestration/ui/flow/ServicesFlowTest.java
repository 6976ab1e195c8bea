package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.monitor.ToolState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Services, clicked through on the demo backend: one health card per service, the tools and their state. */
@ExtendWith(ApplicationExtension.class)
class ServicesFlowTest {

    private DemoShell app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DemoShell.show(stage, new DemoBackend().firstRunDone());
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    private static List<String> card(Pane card) {
        return card.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void eachServiceShowsItsHealthAndEachToolItsState(FxRobot robot) {
        DemoShell.go(robot, "#navServices", "#tools");
        FlowPane health = robot.lookup("#health").queryAs(FlowPane.class);
        DemoShell.waitUntil(() -> health.getChildren().size() == 3
                && !robot.lookup("#tools").queryTableView().getItems().isEmpty());
        Screenshots.save(stage.getScene(), "23-services");

        assertThat(health.getChildren()).extracting(n -> card((Pane) n)).containsExactly(
                List.of("Anthropic", "Down", "No API key set."),
                List.of("Ollama", "Up", "14 ms"),
                List.of("ComfyUI", "Down", "Connection refused at http://127.0.0.1:8188."));
        List<ToolState> tools = robot.lookup("#tools").<ToolState>queryTableView().getItems();
        assertThat(tools).extracting(ToolState::name).contains("write_file", "search_knowledge", "generate_image");
        Set<javafx.scene.Node> rows = robot.lookup("#tools .table-row-cell").queryAll();
        assertThat(rows).anySatisfy(row ->
                assertThat(robot.from(row).lookup(".table-cell").queryAllAs(javafx.scene.control.Labeled.class))
                        .extracting(javafx.scene.control.Labeled::getText)
                        .contains("generate_image", "Unavailable — ComfyUI is not reachable."));

        app.backend.setAnthropicKey(app.backend.localUser(), "sk-ant-api03-abcdefghijkl");
        robot.clickOn("#refresh");
        DemoShell.waitUntil(() -> health.getChildren().size() == 3 && card((Pane) health.getChildren().get(0)).get(1).equals("Up"));
        assertThat(card((Pane) health.getChildren().get(0))).containsExactly("Anthropic", "Up", "212 ms");
    }
}
