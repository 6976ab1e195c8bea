package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.LoginRateLimiter;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.SingleUserBootstrap;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
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
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tools.StandardTools;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;

/**
 * The whole engine on a real SQLite file in {@code dir}, in Simulated mode: every service built
 * with the constructors the composition root uses, the Simulated provider answering plans and
 * tasks (cost $0), the {@link FakeEmbedder} for knowledge bases and no tools (the app's standard
 * tools with {@link #startWithTools}). What view-model and
 * flow tests run on. Start one per test class ({@code @BeforeAll} with a static {@code @TempDir})
 * and close it after; tests create their own projects so they do not depend on each other.
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * static TestEngine engine;
 * @BeforeAll static void start() { engine = TestEngine.start(dir); }
 * @AfterAll static void stop() { engine.close(); }
 * }</pre>
 */
public final class TestEngine implements AutoCloseable {

    public final Clock clock;
    public final Database db;
    public final AppConfig config;
    public final SettingsStore settings;
    public final HttpClients http = new HttpClients();
    public final ProgressBus bus;
    private final ExecutorService background = Executors.newFixedThreadPool(2);
    /** ComfyUI history polls of the standard tools; only started by {@link #startWithTools}. */
    private final ScheduledExecutorService toolScheduler;
    private final ResourceMonitor monitor;
    private final Executor executor;
    private EngineServices services; // not final: the API switch's starter reads it once built
    /** The loopback API's switch: Settings can turn the real API on (an ephemeral-range port of the test's choosing). */
    private final ApiSwitch apiSwitch;

    /**
     * How a test engine differs from the default one.
     *
     * @param maxSubscribersPerProject live listeners per project; {@link #CONFIGURED} takes the configuration's
     * @param latency                  how long every Simulated reply takes (so a run can be seen RUNNING)
     */
    private record Options(Map<String, String> env, Path configFile, boolean standardTools, int maxSubscribersPerProject,
                           Duration latency) {

        static Options defaults(Path dir) {
            return new Options(Map.of(), dir.resolve("config").resolve("no-config.json"), false, CONFIGURED, Duration.ZERO);
        }
    }

    /** Take the per-project listener limit from the configuration. */
    private static final int CONFIGURED = 0;

    private TestEngine(Path dir, AppConfig.AuthMode mode, Clock clock) {
        this(dir, mode, clock, Options.defaults(dir));
    }

    private TestEngine(Path dir, AppConfig.AuthMode mode, Clock clock, Options options) {
        boolean standardTools = options.standardTools();
        this.clock = clock;
        this.db = TestDb.open(dir);
        AppConfig loaded = new ConfigLoader(options.env()).load(options.configFile(), Optional.of(dir));
        this.config = new AppConfig(loaded.dataDir(), AuthFixtures.config(mode, true), loaded.anthropic(), loaded.ollama(),
                loaded.comfyui(), loaded.execution(), loaded.budget(), loaded.api(), loaded.files(), loaded.rag(),
                loaded.monitor(), loaded.planning(), loaded.ui());
        this.settings = new SettingsStore(db, clock);
        settings.put(ModelRouter.MODE_KEY, "simulated");
        this.bus = new ProgressBus(db, clock, options.maxSubscribersPerProject() == CONFIGURED
                ? config.api().maxSubscribersPerProject() : options.maxSubscribersPerProject());
        ChatProvider simulated = new SimulatedProvider(options.latency());
        List<ChatProvider> providerList = List.of(simulated);
        this.monitor = new ResourceMonitor(http, config, bus, clock);
        ModelRouter router = new ModelRouter(settings, false, () -> false);
        Pricing pricing = new Pricing(settings, router::configuredRoutes);
        BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
        UsageService usage = new UsageService(db, clock, budget);
        FakeEmbedder embedder = new FakeEmbedder();
        IndexCache cache = new IndexCache(KnowledgeBaseService.indexLoader(db), clock);
        KnowledgeRoots roots = new KnowledgeRoots(settings, config.dataDir(), dir.resolve("config"));
        KnowledgeBaseService knowledgeBases = new KnowledgeBaseService(db, embedder, bus, background, cache, clock,
                config.files().maxFileBytes(), roots);
        KnowledgeSearch knowledgeSearch = new KnowledgeSearch(db, cache, embedder);
        this.toolScheduler = standardTools ? Executors.newScheduledThreadPool(1, DaemonThreads.numbered("test-tools")) : null;
        ToolRegistry tools = new ToolRegistry(standardTools
                ? StandardTools.factories(config, http.shared(), knowledgeSearch, toolScheduler, clock) : List.of());
        PasswordHasher hasher = new PasswordHasher(AuthFixtures.TEST_COST);
        AuthModeSwitch authModeSwitch = new AuthModeSwitch(db, settings);
        TokenService tokens = new TokenService(db, config.auth(), clock);
        AuthService auth = new AuthService(db, settings, hasher, tokens,
                new LoginRateLimiter(AuthFixtures.unlimited(), clock), config.auth(), clock);
        ApiKeyService apiKeys = new ApiKeyService(db, clock);
        UserAdminService userAdmin = new UserAdminService(db, settings, hasher, config.auth(), clock);
        User owner = mode == AppConfig.AuthMode.SINGLE
                ? new SingleUserBootstrap(db, settings, hasher, clock, "Owner").ensureOwner() : null;
        ProjectService projects = new ProjectService(db, settings, config.planning(), config.workspacesDir(), clock);
        TaskService tasks = new TaskService(db, projects, new ModelCatalog(pricing, router::configuredRoutes), clock);
        Planner planner = new Planner(db, projects, providerList, router, pricing, budget, bus, config.planning(), clock);
        this.apiSwitch = new ApiSwitch(settings, port -> ApiServer.start(ApiOptions.loopbackDefaults().withPort(port), this.services,
                background));
        this.executor = new Executor(db, settings, config, clock, Map.of(simulated.id(), simulated)::get, pricing, tools,
                budget, bus, monitor, Executor.PROVIDER_RECHECK);
        Decomposer decomposer = new Decomposer(db, projects.table(), router, bus, clock);
        CostForecast forecast = new CostForecast(db, router, pricing);
        this.services = new EngineServices(config, mode, owner, settings, http, bus, new ProviderRegistry(providerList), router,
                pricing, monitor, budget, usage, knowledgeBases, knowledgeSearch, roots, tools, tokens, auth, apiKeys,
                new Authenticator(tokens, apiKeys), userAdmin, authModeSwitch, projects, tasks,
                new PlanService(db, projects, forecast, decomposer), planner, new PlanEditor(db, config.planning().maxTasks(), clock),
                decomposer, forecast, executor, new SettingsService(db, settings, config.execution(), executor::setConcurrency, roots),
                apiSwitch, db, clock);
    }

    /** Single-user mode with a local owner ({@link #owner()}), as the app starts by default. */
    public static TestEngine start(Path dir) {
        return new TestEngine(dir, AppConfig.AuthMode.SINGLE, Clock.systemDefaultZone());
    }

    /** Multi-user mode (registration open): no owner; create accounts with {@link #user(Role)}. */
    public static TestEngine startMultiUser(Path dir) {
        return new TestEngine(dir, AppConfig.AuthMode.MULTI, Clock.systemDefaultZone());
    }

    /**
     * Single-user mode as the app starts with this environment (e.g. {@code ANTHROPIC_BASE_URL},
     * {@code OLLAMA_HOST}) and config file (a missing file means defaults), with the app's standard
     * tools registered: for screens and runs that show or use services and tools.
     */
    public static TestEngine startWithTools(Path dir, Map<String, String> env, Path configFile) {
        return new TestEngine(dir, AppConfig.AuthMode.SINGLE, Clock.systemDefaultZone(),
                new Options(env, configFile, true, CONFIGURED, Duration.ZERO));
    }

    /**
     * As {@link #startMultiUser(Path)} on {@code clock}, with at most {@code maxSubscribersPerProject} live
     * listeners per project and every Simulated reply taking {@code latency} (so a run can be seen RUNNING).
     */
    public static TestEngine startMultiUser(Path dir, Clock clock, int maxSubscribersPerProject, Duration latency) {
        Options defaults = Options.defaults(dir);
        return new TestEngine(dir, AppConfig.AuthMode.MULTI, clock,
                new Options(defaults.env(), defaults.configFile(), false, maxSubscribersPerProject, latency));
    }

    /** A background pool for work the API hands off (plan generation); closed with the engine. */
    public ExecutorService background() {
        return background;
    }

    /** Every service, as the composition root hands them to the window and the API. */
    public EngineServices services() {
        return services;
    }

    /** The local owner (single-user mode). */
    public User owner() {
        if (services.owner() == null) {
            throw new IllegalStateException("multi-user mode has no local owner");
        }
        return services.owner();
    }

    /** A new active account with this role and a unique email; it cannot sign in (no password), see {@link AuthFixtures} for that. */
    public User user(Role role) {
        return TestDb.insertUser(db, role);
    }

    @Override
    public void close() {
        apiSwitch.close();
        executor.close();
        if (toolScheduler != null) {
            toolScheduler.shutdownNow();
        }
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
        bus.close();
        http.close();
        db.close();
    }
}
