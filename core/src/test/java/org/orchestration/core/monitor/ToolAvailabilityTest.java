package org.orchestration.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.tools.GenerateImageTool;
import org.orchestration.core.tools.OllamaGenerateTool;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.tools.ToolStatus;

/** Tool availability with service health: a real ResourceMonitor against a fake Ollama and a closed ComfyUI port. */
class ToolAvailabilityTest {

    @TempDir
    Path dir;
    private final MockWebServer ollama = new MockWebServer();
    private final HttpClients http = new HttpClients();
    private ResourceMonitor monitor;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        http.close();
        scheduler.shutdownNow();
        ollama.shutdown();
    }

    private AppConfig config(String comfyUrl) throws IOException {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"comfyui\": {\"url\": \"" + comfyUrl + "\"}}");
        return new ConfigLoader(Map.of("OLLAMA_HOST", "http://127.0.0.1:" + ollama.getPort(), "OE_DATA_DIR", dir.toString()))
                .load(file, Optional.empty());
    }

    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    private ToolRegistry registry(AppConfig config) {
        return new ToolRegistry(List.of(
                new ToolRegistry.Factory(OllamaGenerateTool.NAME, () -> new OllamaGenerateTool(http.shared(), config.ollama())),
                new ToolRegistry.Factory(GenerateImageTool.NAME, () -> new GenerateImageTool(http.shared(), config.comfyui(), scheduler,
                        Duration.ofSeconds(1), 1_000_000, Clock.systemUTC())),
                new ToolRegistry.Factory("broken", () -> {
                    throw new IllegalStateException("no model file");
                })));
    }

    @Test
    void aToolWhoseServiceIsDownIsUnavailableNamingTheServiceAndWhy() throws Exception {
        ollama.enqueue(new MockResponse().setBody("{\"version\":\"0.5.7\"}"));
        String comfy = closedPort();
        AppConfig config = config(comfy);
        monitor = new ResourceMonitor(http, config, event -> null, Clock.systemUTC());
        ToolRegistry tools = registry(config);

        // before any check every built tool counts as available, as providers do
        assertThat(ToolAvailability.of(tools, monitor)).extracting(ToolStatus::name, ToolStatus::available)
                .containsExactly(Tuple.tuple(OllamaGenerateTool.NAME, true),
                        Tuple.tuple(GenerateImageTool.NAME, true),
                        Tuple.tuple("broken", false));

        monitor.checkNow().get(10, TimeUnit.SECONDS);
        List<ToolStatus> after = ToolAvailability.of(tools, monitor);
        assertThat(after.get(0)).isEqualTo(new ToolStatus(OllamaGenerateTool.NAME, true, null));
        assertThat(after.get(1).available()).isFalse();
        assertThat(after.get(1).reason()).isEqualTo("ComfyUI is unavailable (connection refused at " + comfy + ")");
        assertThat(after.get(2)).isEqualTo(new ToolStatus("broken", false, "no model file"));
    }

    @Test
    void theToolsNameTheServicesTheMonitorChecks() throws IOException {
        AppConfig config = config(closedPort());
        assertThat(new OllamaGenerateTool(http.shared(), config.ollama()).service()).contains(ResourceMonitor.OLLAMA);
        assertThat(new GenerateImageTool(http.shared(), config.comfyui(), scheduler, Duration.ofSeconds(1), 1_000_000,
                Clock.systemUTC()).service()).contains(ResourceMonitor.COMFYUI);
    }
}
