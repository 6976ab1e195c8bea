package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.ProviderRegistry;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;

/**
 * Every real service of the engine over one real SQLite file, built the way the composition root
 * builds them, with the model server replaced by {@link FakeAnthropicServer} behind the real
 * {@link AnthropicProvider} (real routing in live mode, real shipped prices). For API wiring and
 * authorization tests. Close it after the test.
 */
public final class WiredServices implements AutoCloseable {

    public final Clock clock = Clock.systemDefaultZone();
    public final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
    public final HttpClients http = new HttpClients();
    public final Database db;
    public final AppConfig config;
    public final SettingsStore settings;
    public final AuthFixtures auth;
    public final ProgressBus bus;
    public final BudgetManager budget;
    public final ModelRouter router;
    public final Pricing pricing;
    public final AnthropicProvider provider;
    public final ToolRegistry tools = new ToolRegistry(List.of());
    public final Executor executor;
    public final ProjectService projects;
    public final TaskService tasks;
    public final PlanService plans;
    public final Planner planner;
    public final PlanEditor planEditor;
    public final CostForecast costForecast;
    public final Decomposer decomposer;
    public final UsageService usage;
    public final IndexCache indexCache;
    public final KnowledgeRoots knowledgeRoots;
    public final KnowledgeBaseService knowledgeBases;
    public final KnowledgeSearch knowledgeSearch;
    public final SettingsService settingsService;
    public final ResourceMonitor monitor;
    public final ExecutorService background = Executors.newFixedThreadPool(2);
    private ApiServer server;

    public WiredServices(Path dir) {
        db = TestDb.open(dir);
        AppConfig loaded = new ConfigLoader(Map.of()).load(dir.resolve("no-config.json"), Optional.of(dir));
        config = new AppConfig(loaded.dataDir(), AuthFixtures.config(AppConfig.AuthMode.MULTI, true), anthropic.config("sk-test"),
                loaded.ollama(), loaded.comfyui(), loaded.execution(), loaded.budget(), loaded.api(), loaded.files(),
                loaded.rag(), loaded.monitor(), loaded.planning(), loaded.ui());
        settings = new SettingsStore(db, clock);
        auth = new AuthFixtures(db, clock, config.auth(), new PasswordHasher(AuthFixtures.TEST_COST), AuthFixtures.unlimited());
        bus = new ProgressBus(db, clock, config.api().maxSubscribersPerProject());
        budget = new BudgetManager(db, settings, bus, clock, config.budget());
        router = new ModelRouter(settings, true, () -> false);
        pricing = new Pricing(settings, router::configuredRoutes);
        provider = new AnthropicProvider(http, config.anthropic());
        executor = new Executor(db, settings, config, clock, Map.of(provider.id(), provider), pricing, tools, budget, bus);
        projects = new ProjectService(db, settings, config.planning(), config.workspacesDir(), clock);
        tasks = new TaskService(db, projects, new ModelCatalog(pricing, router::configuredRoutes), clock);
        planner = new Planner(db, projects, List.of(provider), router, pricing, budget, bus, config.planning(), clock);
        planEditor = new PlanEditor(db, config.planning().maxTasks(), clock);
        costForecast = new CostForecast(db, router, pricing);
        decomposer = new Decomposer(db, projects.table(), router, bus, clock);
        plans = new PlanService(db, projects, costForecast, decomposer);
        usage = new UsageService(db, clock, budget);
        FakeEmbedder embedder = new FakeEmbedder();
        indexCache = new IndexCache(KnowledgeBaseService.indexLoader(db), clock);
        knowledgeRoots = new KnowledgeRoots(settings, config.dataDir(), dir.resolve("config"));
        knowledgeBases = new KnowledgeBaseService(db, embedder, bus, background, indexCache, clock, config.files().maxFileBytes(),
                knowledgeRoots);
        knowledgeSearch = new KnowledgeSearch(db, indexCache, embedder);
        settingsService = new SettingsService(db, settings, config.execution(), executor::setConcurrency, knowledgeRoots);
        monitor = new ResourceMonitor(http, config, bus, clock);
    }

    /** Every service as one value, as the composition root hands them to the API. */
    public EngineServices services() {
        return services(auth);
    }

    /** As {@link #services()} with another auth stack on this database (e.g. real sign-in limits on a moved clock). */
    public EngineServices services(AuthFixtures accounts) {
        return new EngineServices(config, config.auth().mode(), null, settings, http, bus, new ProviderRegistry(List.of(provider)),
                router, pricing, monitor, budget, usage, knowledgeBases, knowledgeSearch, knowledgeRoots, tools, accounts.tokens(),
                accounts.authService(), accounts.apiKeys(), accounts.authenticator(), accounts.userAdmin(),
                new AuthModeSwitch(db, settings), projects, tasks, plans, planner, planEditor, decomposer, costForecast, executor,
                settingsService, new ApiSwitch(settings, port -> {
                    throw new UnsupportedOperationException("WiredServices tests start the API with startServer()");
                }), db, clock);
    }

    /** Starts the loopback API over {@link #services()} on an ephemeral port (closed with this fixture). */
    public ApiServer startServer() {
        return startServer(auth);
    }

    /** As {@link #startServer()} over {@link #services(AuthFixtures)}. */
    public ApiServer startServer(AuthFixtures accounts) {
        return startServer(ApiOptions.loopbackDefaults(), accounts);
    }

    /** As {@link #startServer()} with these options. */
    public ApiServer startServer(ApiOptions options) {
        return startServer(options, auth);
    }

    private ApiServer startServer(ApiOptions options, AuthFixtures accounts) {
        server = ApiServer.start(options, services(accounts), background);
        return server;
    }

    public User user(Role role) {
        return auth.user(role);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        executor.close();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        monitor.close();
        bus.close();
        provider.close();
        anthropic.close();
        http.close();
        db.close();
    }
}
