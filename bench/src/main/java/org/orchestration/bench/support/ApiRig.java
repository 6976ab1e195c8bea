package org.orchestration.bench.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiOptions.StreamLimits;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.LoginRateLimiter;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.ProviderRegistry;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.Embedder;
import org.orchestration.core.rag.Embedders;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;

/**
 * The real API server over the real services (Simulated provider, no tools) on a fresh database,
 * one user and its access token. What the api and sse scenarios measure is what the app serves.
 */
public final class ApiRig implements AutoCloseable {

    /** Open event streams the rig allows, all of them the one user's. */
    private static final int MAX_STREAMS = 256;

    public final AppConfig config;
    public final Database db;
    public final User user;
    public final TokenService tokens;
    public final ProjectService projects;
    public final ProgressBus bus;
    public final ApiServer server;
    public final String accessToken;
    private final HttpClients http = new HttpClients();
    private final ExecutorService background = Executors.newFixedThreadPool(2, DaemonThreads.numbered("bench-background"));
    private final ResourceMonitor monitor;
    private final Executor executor;

    public ApiRig(Path workDir) throws Exception {
        config = BenchEnv.config(workDir.resolve("data"), Map.of());
        db = BenchEnv.open(config);
        Clock clock = Clock.systemUTC();
        user = BenchEnv.insertUser(db, Role.USER);
        SettingsStore settings = new SettingsStore(db, clock);
        settings.put(ModelRouter.MODE_KEY, "simulated");
        bus = new ProgressBus(db, clock, config.api().maxSubscribersPerProject());
        ChatProvider simulated = new SimulatedProvider(Duration.ZERO);
        ModelRouter router = new ModelRouter(settings, false, () -> false);
        Pricing pricing = new Pricing(settings, router::configuredRoutes);
        BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
        monitor = new ResourceMonitor(http, config, bus, clock);
        IndexCache cache = new IndexCache(KnowledgeBaseService.indexLoader(db), clock);
        KnowledgeRoots roots = new KnowledgeRoots(settings, config.dataDir(), workDir.resolve("config"));
        Embedder embedder = Embedders.fromConfig(config, http.shared());
        KnowledgeBaseService knowledgeBases = new KnowledgeBaseService(db, embedder, bus, background, cache, clock,
                config.files().maxFileBytes(), roots);
        ToolRegistry tools = new ToolRegistry(List.of());
        PasswordHasher hasher = PasswordHasher.production();
        tokens = new TokenService(db, config.auth(), clock);
        ApiKeyService apiKeys = new ApiKeyService(db, clock);
        AuthService auth = new AuthService(db, settings, hasher, tokens, new LoginRateLimiter(LoginRateLimiter.Limits.defaults(), clock),
                config.auth(), clock);
        projects = new ProjectService(db, settings, config.planning(), config.workspacesDir(), clock);
        TaskService tasks = new TaskService(db, projects, new ModelCatalog(pricing, router::configuredRoutes), clock);
        Planner planner = new Planner(db, projects, List.of(simulated), router, pricing, budget, bus, config.planning(), clock);
        Decomposer decomposer = new Decomposer(db, projects.table(), router, bus, clock);
        CostForecast forecast = new CostForecast(db, router, pricing);
        executor = new Executor(db, settings, config, clock, Map.of(simulated.id(), simulated)::get, pricing, tools, budget, bus,
                monitor, Executor.PROVIDER_RECHECK);
        EngineServices services = new EngineServices(config, config.auth().mode(), null, settings, http, bus,
                new ProviderRegistry(List.of(simulated)), router, pricing, monitor, budget, new UsageService(db, clock, budget),
                knowledgeBases, new KnowledgeSearch(db, cache, embedder), roots, tools, tokens, auth, apiKeys,
                new Authenticator(tokens, apiKeys), new UserAdminService(db, settings, hasher, config.auth(), clock),
                new AuthModeSwitch(db, settings), projects, tasks, new PlanService(db, projects, forecast, decomposer), planner,
                new PlanEditor(db, config.planning().maxTasks(), clock), decomposer, forecast, executor,
                new SettingsService(db, settings, config.execution(), executor::setConcurrency, roots),
                new ApiSwitch(settings, port -> {
                    throw new UnsupportedOperationException("the benchmark starts its API server itself");
                }), db, clock);
        // One benchmark user opens every stream, round after round: the per-user cap (meant for many
        // users) is lifted to the total so that streams of the last round, noticed as closed only at
        // their next write, do not refuse the next round's.
        server = ApiServer.start(ApiOptions.loopbackDefaults().withStreamLimits(new StreamLimits(MAX_STREAMS, MAX_STREAMS)),
                services, background);
        accessToken = tokens.issueAccessToken(user).token();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        executor.close();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        monitor.close();
        bus.close();
        http.close();
        db.close();
    }
}
