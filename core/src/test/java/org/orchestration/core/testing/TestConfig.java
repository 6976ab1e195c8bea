package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;

/** The default {@link AppConfig} for a temp data folder, with helpers to change one section. */
public final class TestConfig {

    private TestConfig() {
    }

    public static AppConfig defaults(Path dataDir) {
        return new ConfigLoader(Map.of()).load(dataDir.resolve("no-config.json"), Optional.of(dataDir));
    }

    public static AppConfig withExecution(AppConfig c, AppConfig.Execution e) {
        return new AppConfig(c.dataDir(), c.auth(), c.anthropic(), c.ollama(), c.comfyui(), e, c.budget(), c.api(),
                c.files(), c.rag(), c.monitor(), c.planning(), c.ui());
    }

    public static AppConfig withBudget(AppConfig c, double dailyUsd, double monthlyUsd) {
        return new AppConfig(c.dataDir(), c.auth(), c.anthropic(), c.ollama(), c.comfyui(), c.execution(),
                new AppConfig.Budget(dailyUsd, monthlyUsd), c.api(), c.files(), c.rag(), c.monitor(), c.planning(), c.ui());
    }

    /** Execution settings: concurrency, retries and tool rounds as given, resume on start, 5 s shutdown wait. */
    public static AppConfig.Execution execution(int concurrency, int maxTaskRetries, int maxAutoRetries, int maxToolRounds,
                                                boolean resumeOnStart) {
        return execution(concurrency, maxTaskRetries, maxAutoRetries, maxToolRounds, resumeOnStart, Duration.ofSeconds(5));
    }

    public static AppConfig.Execution execution(int concurrency, int maxTaskRetries, int maxAutoRetries, int maxToolRounds,
                                                boolean resumeOnStart, Duration shutdownTimeout) {
        return new AppConfig.Execution(concurrency, maxTaskRetries, maxAutoRetries, maxToolRounds, resumeOnStart, shutdownTimeout);
    }
}
