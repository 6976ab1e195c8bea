package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.monitor.ToolState;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Services, clicked through on the real engine (ResourceMonitor, the standard tools) against local
 * fakes: Anthropic answers with a server error until it recovers, Ollama answers as its API does,
 * nothing listens at the ComfyUI address. One health card per service, the tools and their state,
 * and "Check now" seeing Anthropic come back.
 */
@ExtendWith(ApplicationExtension.class)
class ServicesFlowTest {

    @TempDir
    static Path dir;
    static UiEngine engine;
    static MockWebServer anthropic;
    static MockWebServer ollama;
    static String comfyUrl;
    static final AtomicBoolean anthropicUp = new AtomicBoolean(false);

    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() throws IOException {
        anthropic = new MockWebServer();
        anthropic.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!anthropicUp.get()) {
                    return new MockResponse().setResponseCode(500).setBody("{\"error\":\"down\"}");
                }
                return answer(request, "/v1/models", "{\"data\":[{\"type\":\"model\",\"id\":\"claude-haiku-4-5\"}],\"has_more\":false}");
            }
        });
        anthropic.start(InetAddress.getLoopbackAddress(), 0);
        ollama = new MockWebServer();
        ollama.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request, "/api/version", "{\"version\":\"0.5.7\"}");
            }
        });
        ollama.start(InetAddress.getLoopbackAddress(), 0);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            comfyUrl = "http://127.0.0.1:" + free.getLocalPort(); // closed again at once: nothing listens there
        }
        Path config = Files.writeString(dir.resolve("config.json"), "{\"comfyui\": {\"url\": \"" + comfyUrl + "\"}}");
        engine = UiEngine.startWithTools(Files.createDirectories(dir.resolve("engine")), Map.of(
                "ANTHROPIC_API_KEY", "sk-ant-test-key",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:" + anthropic.getPort(),
                "OLLAMA_HOST", "http://127.0.0.1:" + ollama.getPort()), config);
        EngineShell.firstRunDone(engine);
    }

    private static MockResponse answer(RecordedRequest request, String path, String json) {
        if (path.equals(request.getPath())) {
            return new MockResponse().setHeader("content-type", "application/json").setBody(json);
        }
        return new MockResponse().setResponseCode(404).setBody("{\"error\":\"not found\"}");
    }

    @AfterAll
    static void stopEngine() throws IOException {
        engine.close();
        anthropic.shutdown();
        ollama.shutdown();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine);
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
        EngineShell.go(robot, "#navServices", "#tools");
        FlowPane health = robot.lookup("#health").queryAs(FlowPane.class);
        EngineShell.waitUntil(() -> health.getChildren().size() == 3
                && !robot.lookup("#tools").queryTableView().getItems().isEmpty());
        Screenshots.save(stage.getScene(), "23-services");

        List<List<String>> cards = health.getChildren().stream().map(n -> card((Pane) n)).toList();
        assertThat(cards).extracting(c -> c.subList(0, 2)).containsExactly(
                List.of("Anthropic", "Down"), List.of("Ollama", "Up"), List.of("ComfyUI", "Down"));
        assertThat(cards.get(0).get(2)).isEqualTo("Anthropic had a server error (HTTP 500)");
        assertThat(cards.get(1).get(2)).matches("\\d+ ms");
        assertThat(cards.get(2).get(2)).isEqualTo("connection refused at " + comfyUrl);
        List<ToolState> tools = robot.lookup("#tools").<ToolState>queryTableView().getItems();
        assertThat(tools).extracting(ToolState::name).contains("write_file", "search_knowledge", "generate_image");
        Set<Node> rows = robot.lookup("#tools .table-row-cell").queryAll();
        assertThat(rows).anySatisfy(row ->
                assertThat(robot.from(row).lookup(".table-cell").queryAllAs(Labeled.class))
                        .extracting(Labeled::getText)
                        .contains("generate_image", "Unavailable — ComfyUI is unavailable (connection refused at " + comfyUrl + ")"));

        anthropicUp.set(true);
        robot.clickOn("#refresh");
        EngineShell.waitUntil(() -> health.getChildren().size() == 3 && card((Pane) health.getChildren().get(0)).get(1).equals("Up"));
        assertThat(card((Pane) health.getChildren().get(0))).startsWith("Anthropic", "Up");
        assertThat(card((Pane) health.getChildren().get(0)).get(2)).matches("\\d+ ms");
    }
}
