package org.orchestration.core.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.orchestration.core.config.AppConfig;

/** An AppConfig for tool tests, pointing Ollama and ComfyUI at fake servers. */
final class ToolTestConfig {

    private ToolTestConfig() {
    }

    static AppConfig config(String ollamaUrl, String comfyUrl) {
        return new AppConfig(Path.of("/tmp/unused"),
                new AppConfig.Auth(AppConfig.AuthMode.SINGLE, "x".repeat(40), Duration.ofMinutes(15), Duration.ofDays(30),
                        Duration.ofMinutes(1), false),
                new AppConfig.Anthropic(Optional.empty(), "https://api.anthropic.com", Duration.ofSeconds(60)),
                new AppConfig.Ollama(ollamaUrl, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)),
                new AppConfig.ComfyUi(comfyUrl, "sd_xl_base_1.0.safetensors", Duration.ofSeconds(2), Duration.ofSeconds(3)),
                new AppConfig.Execution(2, 3, 3, 10, false, Duration.ofSeconds(5)),
                new AppConfig.Budget(10, 100),
                new AppConfig.Api(false, 0, List.of(), 10, 16, 256),
                new AppConfig.Files(1_000),
                new AppConfig.Rag("inprocess", "nomic-embed-text"),
                new AppConfig.Monitor(Duration.ofSeconds(30), Duration.ofSeconds(2)),
                new AppConfig.Planning(50, 20_000),
                new AppConfig.Ui("system", false));
    }
}
