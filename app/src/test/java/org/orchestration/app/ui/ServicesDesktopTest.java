package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.app.LaunchOptions;
import org.orchestration.ui.UiShell;
import org.orchestration.core.monitor.ToolState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Services screen on the REAL engine (ResourceMonitor, ToolRegistry, the shared OkHttp
 * client), headless, against local fakes: Anthropic and Ollama answer as their APIs do, nothing
 * listens at the ComfyUI address. Each card shows what the monitor found, the image tool says
 * why it is unavailable, and "Check now" picks up Ollama going away.
 */
@ExtendWith(ApplicationExtension.class)
class ServicesDesktopTest {

    @TempDir
    static Path tmp;

    private MockWebServer anthropic;
    private MockWebServer ollama;
    private String comfyUrl;
    private RealEngine engine;
    private UiShell shell;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        anthropic = new MockWebServer();
        anthropic.setDispatcher(answering("/v1/models", "{\"data\":[{\"type\":\"model\",\"id\":\"claude-haiku-4-5\"}],\"has_more\":false}"));
        anthropic.start(InetAddress.getLoopbackAddress(), 0);
        ollama = new MockWebServer();
        ollama.setDispatcher(answering("/api/version", "{\"version\":\"0.5.7\"}"));
        ollama.start(InetAddress.getLoopbackAddress(), 0);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            comfyUrl = "http://127.0.0.1:" + free.getLocalPort(); // closed again at once: nothing listens there
        }
        Path config = Files.writeString(tmp.resolve("config.json"), "{\"comfyui\": {\"url\": \"" + comfyUrl + "\"}}");
        Map<String, String> env = Map.of(
                "ANTHROPIC_API_KEY", "sk-ant-test-key",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:" + anthropic.getPort(),
                "OLLAMA_HOST", "http://127.0.0.1:" + ollama.getPort());
        LaunchOptions defaults = LaunchOptions.headless(config, tmp.resolve("data"));
        engine = RealEngine.start(new LaunchOptions(config, defaults.dataDir(), true, false, Optional.empty(), false, env, defaults.clock(), false));
        engine.services().settings().put(FirstRunSetup.DONE_KEY, true);
        shell = DesktopRobot.show(engine, stage, (owner, title) -> Optional.empty());
    }

    private static Dispatcher answering(String path, String json) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (path.equals(request.getPath())) {
                    return new MockResponse().setHeader("content-type", "application/json").setBody(json);
                }
                return new MockResponse().setResponseCode(404).setBody("{\"error\":\"not found\"}");
            }
        };
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.close();
        engine.close();
        anthropic.shutdown();
        ollama.shutdown();
    }

    private static List<String> card(Pane card) {
        return card.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }

    private static List<String> cardOf(FlowPane health, String name) {
        return health.getChildren().stream().map(n -> card((Pane) n)).filter(c -> c.get(0).equals(name)).findFirst().orElse(List.of());
    }

    @Test
    void eachServiceShowsWhatTheMonitorFoundAndCheckNowSeesOllamaGo(FxRobot robot) throws Exception {
        DesktopRobot.go(robot, "#navServices", "#tools");
        FlowPane health = robot.lookup("#health").queryAs(FlowPane.class);
        DesktopRobot.waitFor(Duration.ofSeconds(20), () -> health.getChildren().size() == 3
                && !robot.lookup("#tools").queryTableView().getItems().isEmpty());

        assertThat(cardOf(health, "Anthropic")).hasSize(3).startsWith("Anthropic", "Up");
        assertThat(cardOf(health, "Anthropic").get(2)).matches("\\d+ ms");
        assertThat(cardOf(health, "Ollama")).startsWith("Ollama", "Up");
        assertThat(cardOf(health, "ComfyUI")).startsWith("ComfyUI", "Down");
        assertThat(String.join(" ", cardOf(health, "ComfyUI"))).containsIgnoringCase("connection refused at " + comfyUrl);
        assertThat(anthropic.takeRequest().getHeader("x-api-key")).isEqualTo("sk-ant-test-key");

        List<ToolState> tools = robot.lookup("#tools").<ToolState>queryTableView().getItems();
        assertThat(tools).extracting(ToolState::name).contains("write_file", "read_file", "generate_image");
        assertThat(tools).filteredOn(t -> t.name().equals("generate_image")).singleElement()
                .satisfies(t -> assertThat(t.available()).isFalse());
        Set<javafx.scene.Node> rows = robot.lookup("#tools .table-row-cell").queryAll();
        assertThat(rows).anySatisfy(row ->
                assertThat(robot.from(row).lookup(".table-cell").queryAllAs(Labeled.class)).extracting(Labeled::getText)
                        .contains("generate_image").anySatisfy(text -> assertThat(text).startsWith("Unavailable — ").containsIgnoringCase("ComfyUI")));
        DesktopRobot.shot(stage, "real-services");

        ollama.shutdown();
        robot.clickOn("#refresh");
        DesktopRobot.waitFor(Duration.ofSeconds(20), () -> cardOf(health, "Ollama").size() == 3 && cardOf(health, "Ollama").get(1).equals("Down"));
        assertThat(cardOf(health, "Ollama").get(2)).containsIgnoringCase("connection refused at http://127.0.0.1:" + ollama.getPort());
        assertThat(cardOf(health, "Anthropic")).startsWith("Anthropic", "Up");
    }
}
