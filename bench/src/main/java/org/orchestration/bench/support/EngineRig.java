package org.orchestration.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolCatalog;

/**
 * The engine wired as the composition root wires it (ProgressBus -> BudgetManager -> Executor,
 * real Pricing from the shipped price list), over a fresh SQLite file, with a {@link Timeline}
 * between the executor and the bus. Providers: {@code simulated} with zero latency, and, when an
 * Anthropic base URL is given, the real {@link AnthropicProvider} pointed at it.
 */
public final class EngineRig implements AutoCloseable {

    public static final String ANTHROPIC_MODEL = "claude-haiku-4-5";

    public final AppConfig config;
    public final Database db;
    public final SettingsStore settings;
    public final ProgressBus bus;
    public final Timeline timeline;
    public final BudgetManager budget;
    public final Executor executor;
    public final User user;
    private final AnthropicProvider anthropic;

    /**
     * @param concurrency      execution slots
     * @param anthropicBaseUrl the fake server's URL, or null for no Anthropic provider
     * @param retryBaseMs      first backoff step ({@code execution.retry_base_ms})
     */
    public EngineRig(Path dataDir, int concurrency, String anthropicBaseUrl, long retryBaseMs) throws IOException {
        this(dataDir, concurrency, anthropicBaseUrl, retryBaseMs, Duration.ZERO);
    }

    /** @param simulatedLatency how long each call of the Simulated provider takes */
    public EngineRig(Path dataDir, int concurrency, String anthropicBaseUrl, long retryBaseMs, Duration simulatedLatency) throws IOException {
        Files.createDirectories(dataDir);
        Path configFile = dataDir.resolve("bench-config.json");
        // Limits far above what a run spends: the budget is on the path (reserve/record per call) but never refuses.
        Files.writeString(configFile, """
                {"budget": {"daily_limit_usd": 100000, "monthly_limit_usd": 1000000},
                 "execution": {"concurrency": %d, "max_auto_retries": 50}}
                """.formatted(concurrency));
        Map<String, String> env = new HashMap<>();
        env.put("OE_AUTH_SECRET", BenchEnv.SECRET);
        if (anthropicBaseUrl != null) {
            env.put("ANTHROPIC_API_KEY", "bench-key");
            env.put("ANTHROPIC_BASE_URL", anthropicBaseUrl);
        }
        config = new ConfigLoader(env).load(configFile, Optional.of(dataDir));
        db = Database.open(config.databaseFile());
        Clock clock = Clock.systemUTC();
        settings = new SettingsStore(db, clock);
        settings.put(Pricing.FREE_MODELS_KEY, List.of(SimulatedProvider.MODEL));
        settings.put("execution.retry_base_ms", retryBaseMs);
        bus = new ProgressBus(db, clock, config.api().maxSubscribersPerProject());
        timeline = new Timeline(bus);
        budget = new BudgetManager(db, settings, timeline, clock, config.budget());
        Map<String, ChatProvider> providers = new HashMap<>();
        providers.put(SimulatedProvider.ID, new SimulatedProvider(simulatedLatency));
        anthropic = anthropicBaseUrl == null ? null : new AnthropicProvider(new HttpClients(), config.anthropic());
        if (anthropic != null) {
            providers.put(AnthropicProvider.ID, anthropic);
        }
        executor = new Executor(db, settings, config, clock, providers, new Pricing(settings, List::of), NO_TOOLS, budget, timeline);
        executor.recover();
        user = BenchEnv.insertUser(db, Role.USER);
    }

    /** Writes {@code graph}, starts it and waits for the project's end state; returns that state. */
    public String run(TaskGraph graph, Duration timeout) throws Exception {
        String projectId = graph.write(db, user);
        executor.start(user, projectId);
        return timeline.projectEnd(projectId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.close();
        bus.close();
        if (anthropic != null) {
            anthropic.close();
        }
        db.close();
    }

    private static final ToolCatalog NO_TOOLS = new ToolCatalog() {
        @Override
        public Optional<Tool> find(String name) {
            return Optional.empty();
        }

        @Override
        public List<ToolSpec> specsFor(List<String> names) {
            return List.of();
        }

        @Override
        public List<String> available() {
            return List.of();
        }
    };
}
