package org.orchestration.app;

import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.engine.EngineServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.orchestration.app.gui.GuiRuntime;
import org.orchestration.app.gui.GuiSession;
import org.orchestration.app.gui.NotificationToasts;
import org.orchestration.app.gui.UiShellFactory;
import org.orchestration.app.gui.WindowActivation;
import org.orchestration.app.instance.InstanceLock;
import org.orchestration.app.lifecycle.StartupStep;
import org.orchestration.app.lifecycle.TemporaryFolder;
import org.orchestration.app.logging.FileLogging;
import org.orchestration.app.tray.AwtTrayNotifier;
import org.orchestration.app.tray.ClosePolicy;
import org.orchestration.app.tray.InAppNotificationArea;
import org.orchestration.app.tray.TrayActions;
import org.orchestration.app.tray.TrayEvents;
import org.orchestration.app.tray.TrayNotifier;
import org.orchestration.app.ui.DesktopFileOpener;
import org.orchestration.app.ui.SampleProjects;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
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
import org.orchestration.core.config.DataDirectory;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.Subscription;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.OllamaProvider;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.ProviderRegistry;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.rag.Embedder;
import org.orchestration.core.rag.Embedders;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.OllamaHostSetting;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tools.StandardTools;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;
import org.orchestration.ui.UiShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that calls {@code new} on a service. Each service is built exactly once, by the
 * start-up step that owns it, and the step returns what stops it; {@link #steps()} lists the
 * steps in start order for the {@link org.orchestration.app.lifecycle.Lifecycle}.
 *
 * <p>Adding a service: add a field, add one {@code step("name", () -> ...)} at its place in
 * {@link #steps()} (the order below is the order of the architecture: config, data folder,
 * database, HTTP client, providers, tools, executor, monitor, API, UI), build it from fields set
 * by earlier steps, and return its close/stop.
 */
public final class CompositionRoot {

    /** Goes to the log file only (see logback-engine.xml); the launcher shows the warnings once ready. */
    private static final Logger startupLog = LoggerFactory.getLogger("org.orchestration.app.startup");

    private final LaunchOptions options;
    private final Runnable requestQuit;
    private final WindowActivation activation = new WindowActivation();

    // Built by the steps, in this order. Null until their step has run.
    private AppConfig config;
    private List<String> configWarnings = List.of();
    private InstanceLock instanceLock;
    private Database database;
    private SettingsStore settings;
    private HttpClients http;
    private ProgressBus events;
    private List<ChatProvider> providerList;
    private ProviderRegistry providers;
    private ModelRouter router;
    private Pricing pricing;
    private ResourceMonitor monitor;
    private BudgetManager budget;
    private UsageService usage;
    private ExecutorService background;
    private ScheduledExecutorService scheduler;
    private KnowledgeBaseService knowledgeBases;
    private KnowledgeRoots knowledgeRoots;
    private KnowledgeSearch knowledgeSearch;
    private ToolRegistry tools;
    private AppConfig.AuthMode authMode;
    private User owner;
    private TokenService tokens;
    private AuthService auth;
    private ApiKeyService apiKeys;
    private Authenticator authenticator;
    private UserAdminService userAdmin;
    private AuthModeSwitch authModeSwitch;
    private ProjectService projects;
    private TaskService tasks;
    private PlanService plans;
    private Planner planner;
    private PlanEditor planEditor;
    private Decomposer decomposer;
    private CostForecast costForecast;
    private Executor executor;
    private EngineServices services;
    private ApiSwitch apiSwitch;
    /** Projects paused by the tray's "Pause all", resumed by "Resume all". */
    private final Set<String> pausedByTray = ConcurrentHashMap.newKeySet();
    private TrayNotifier tray;
    private TrayEvents trayEvents;
    private InAppNotificationArea notificationArea;

    /**
     * @param requestQuit how "really quit" is asked (tray Quit, window closed without a tray):
     *                    the launcher then closes the whole lifecycle
     */
    public CompositionRoot(LaunchOptions options, Runnable requestQuit) {
        this.options = options;
        this.requestQuit = requestQuit;
    }

    /** The start-up steps, in order; headless runs stop before the window. */
    public List<StartupStep> steps() {
        List<StartupStep> steps = new ArrayList<>();
        steps.add(StartupStep.of("config", () -> {
            config = ConfigOverrides.apply(new ConfigLoader(options.env()).load(options.configFile(), options.dataDir()), options);
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("data folder", () -> {
            DataDirectory.prepare(config.dataDir());
            // --demo: the folder is the demo's own; closed last of all, after the database and the logs
            return options.demo() ? new TemporaryFolder(config.dataDir()) : StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("logging", () -> FileLogging.start(config.logDir())));
        steps.add(StartupStep.of("single instance", () -> {
            instanceLock = InstanceLock.acquire(config.dataDir(), activation::activate);
            return instanceLock;
        }));
        steps.add(StartupStep.of("validate config", () -> {
            config = DataDirectory.withSecret(config);
            configWarnings = new ArrayList<>(config.validate());
            configWarnings.forEach(w -> startupLog.warn("{}", w));
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("database", () -> {
            database = Database.open(config.databaseFile());
            return database;
        }));
        steps.add(StartupStep.of("settings", () -> {
            settings = new SettingsStore(database, options.clock());
            config = OllamaHostSetting.applyTo(config, settings); // the Ollama address chosen at first run or in Settings
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("events", () -> {
            events = new ProgressBus(database, clock(), config.api().maxSubscribersPerProject());
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("http client", () -> {
            http = new HttpClients();
            return http;
        }));
        steps.add(StartupStep.of("providers", () -> {
            // The configured key wins; else the key entered at first run / in Settings, read at each call.
            StoredKeyAnthropicProvider claude = new StoredKeyAnthropicProvider(config.anthropic(), settings,
                    c -> new AnthropicProvider(http, c));
            ChatProvider ollama = new OllamaProvider(http, config.ollama());
            // Demos and tests can give the Simulated provider a latency (runtime setting, milliseconds).
            Duration simulatedLatency = Duration.ofMillis(settings.get(SIMULATED_LATENCY_KEY, Integer.class, 0));
            providerList = List.of(claude, ollama, new SimulatedProvider(simulatedLatency));
            providers = new ProviderRegistry(providerList);
            // Built here because routing asks it whether Ollama has been seen; it starts checking in its own step.
            monitor = new ResourceMonitor(http, config, events, clock());
            router = new ModelRouter(settings, claude.apiKey().isPresent(), () -> monitor.isKnownUp("ollama"));
            pricing = new Pricing(settings, router::configuredRoutes);
            for (ModelRoute missing : pricing.missingPrices(router.configuredRoutes())) {
                String warning = "No price for model " + missing.model() + " (" + missing.provider()
                        + "): calls to it are refused until a price is set in Settings or it is marked free.";
                configWarnings.add(warning);
                startupLog.warn("{}", warning);
            }
            return monitor;
        }));
        steps.add(StartupStep.of("budget", () -> {
            budget = new BudgetManager(database, settings, events, clock(), config.budget());
            usage = new UsageService(database, clock(), budget);
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("tool registry", () -> {
            background = Executors.newFixedThreadPool(2, DaemonThreads.numbered("oe-background"));
            scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.numbered("oe-scheduler"));
            Embedder embedder = Embedders.fromConfig(config, http.shared());
            IndexCache cache = new IndexCache(KnowledgeBaseService.indexLoader(database), clock());
            // Knowledge bases never read the data folder or the folder of the config.json in use (secrets live there).
            Path configFile = options.configFile() == null ? ConfigLoader.defaultConfigFile() : options.configFile();
            knowledgeRoots = new KnowledgeRoots(settings, config.dataDir(), configFile.toAbsolutePath().getParent());
            knowledgeBases = new KnowledgeBaseService(database, embedder, events, background, cache, clock(), config.files().maxFileBytes(),
                    knowledgeRoots);
            knowledgeBases.recoverInterrupted();
            knowledgeSearch = new KnowledgeSearch(database, cache, embedder);
            tools = new ToolRegistry(StandardTools.factories(config, http.shared(), knowledgeSearch, scheduler, clock()));
            return () -> {
                scheduler.shutdownNow();
                background.shutdownNow();
                background.awaitTermination(5, TimeUnit.SECONDS);
            };
        }));
        steps.add(StartupStep.of("accounts", () -> {
            PasswordHasher hasher = PasswordHasher.production();
            authModeSwitch = new AuthModeSwitch(database, settings);
            authMode = authModeSwitch.modeAtStart(config.auth().mode(),
                    options.multiUser() ? Optional.of(AppConfig.AuthMode.MULTI) : Optional.empty());
            tokens = new TokenService(database, config.auth(), clock());
            auth = new AuthService(database, settings, hasher, tokens, new LoginRateLimiter(LoginRateLimiter.Limits.defaults(), clock()),
                    config.auth(), clock());
            apiKeys = new ApiKeyService(database, clock());
            authenticator = new Authenticator(tokens, apiKeys);
            userAdmin = new UserAdminService(database, settings, hasher, config.auth(), clock());
            if (authMode == AppConfig.AuthMode.SINGLE) {
                owner = new SingleUserBootstrap(database, settings, hasher, clock(), System.getProperty("user.name", "Owner")).ensureOwner();
            }
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("projects and planning", () -> {
            projects = new ProjectService(database, settings, config.planning(), config.workspacesDir(), clock());
            tasks = new TaskService(database, projects, new ModelCatalog(pricing, router::configuredRoutes), clock());
            planner = new Planner(database, projects, providerList, router, pricing, budget, events, config.planning(), clock());
            planner.recoverInterrupted();
            planEditor = new PlanEditor(database, config.planning().maxTasks(), clock());
            decomposer = new Decomposer(database, projects.table(), router, events, clock());
            costForecast = new CostForecast(database, router, pricing);
            plans = new PlanService(database, projects, costForecast, decomposer);
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("executor", () -> {
            Map<String, ChatProvider> byId = new HashMap<>();
            providerList.forEach(p -> byId.put(p.id(), p));
            executor = new Executor(database, settings, config, clock(), byId::get, pricing, tools, budget, events,
                    monitor, Executor.PROVIDER_RECHECK); // tasks whose provider is down wait instead of failing
            List<String> resumed = executor.recover();
            if (!resumed.isEmpty()) {
                startupLog.info("Recovered {} project(s) that were running when the engine stopped", resumed.size());
            }
            SettingsService settingsService = new SettingsService(database, settings, config.execution(), executor::setConcurrency,
                    knowledgeRoots);
            // The API's switch exists before the services (Settings turns it on and off); it starts the API,
            // on the very services the desktop uses, only from the "api" step on.
            apiSwitch = new ApiSwitch(settings, port -> ApiServer.start(ApiOptions.from(config).withPort(port), services, background));
            services = new EngineServices(config, authMode, owner, settings, http, events, providers, router, pricing, monitor, budget,
                    usage, knowledgeBases, knowledgeSearch, knowledgeRoots, tools, tokens, auth, apiKeys, authenticator, userAdmin, authModeSwitch,
                    projects, tasks, plans, planner, planEditor, decomposer, costForecast, executor, settingsService, apiSwitch, database,
                    clock());
            return executor; // close: stop dispatching, wait for running tasks, then cancel them back to PENDING
        }));
        if (options.demo()) {
            steps.add(StartupStep.of("sample projects", () -> {
                SampleProjects.seed(services);
                return StartupStep.NOTHING;
            }));
        }
        steps.add(StartupStep.of("monitor", () -> {
            monitor.start();
            return StartupStep.NOTHING; // closed with the providers step, after everything that asks it
        }));
        steps.add(StartupStep.of("api", () -> {
            // On at launch with --api / api.enabled, or with the switch stored in Settings; Settings turns it
            // on, off or onto another port at once later (apiSwitch).
            config = ApiSwitch.effective(config, settings, options.apiPort());
            // The routes call the very services the desktop uses; authorization is in those services.
            apiSwitch.startAtLaunch(config);
            apiSwitch.baseUrl().ifPresent(url -> startupLog.info("API listening on {}", url));
            return apiSwitch; // closed before the executor, the bus and the background pool (reverse order)
        }));
        steps.add(StartupStep.of("tray", () -> {
            tray = options.headless() ? TrayNotifier.none() : createTray();
            trayEvents = new TrayEvents(tray);
            // The tray speaks for the person at this desktop: it hears every project's events.
            Subscription subscription = events.subscribeAll(SYSTEM, trayEvents::onEvent);
            return () -> {
                subscription.close();
                tray.close();
            };
        }));
        if (!options.headless()) {
            steps.add(StartupStep.of("window", () -> GuiRuntime.start(guiSession(), requestQuit)));
        }
        return steps;
    }

    private TrayNotifier createTray() {
        notificationArea = new InAppNotificationArea();
        TrayActions actions = new TrayActions() {
            @Override
            public void open() {
                activation.activate();
            }

            @Override
            public void pauseAll() {
                engineControls().pauseAll();
            }

            @Override
            public void resumeAll() {
                engineControls().resumeAll();
            }

            @Override
            public void quit() {
                requestQuit.run();
            }
        };
        return AwtTrayNotifier.create(actions).orElse(notificationArea);
    }

    private GuiSession guiSession() {
        return new GuiSession(uiShellFactory(), tray, this::hideToTrayOnClose, activation, requestQuit);
    }

    /** The real UI on the engine's services; the shell is closed when the window step closes. */
    private UiShellFactory uiShellFactory() {
        return stage -> {
            UiShell shell = new UiShell(services(), new DesktopFileOpener());
            shell.show(stage);
            if (notificationArea != null && !tray.hasTrayIcon()) {
                NotificationToasts.attach(stage, notificationArea); // no tray: notifications appear over the window
            }
            return shell;
        };
    }

    private boolean hideToTrayOnClose() {
        Optional<Boolean> userChoice = settings.get("ui.close_to_tray", Boolean.class);
        return ClosePolicy.hideToTray(tray.hasTrayIcon(), userChoice, config.ui().closeToTray(), trayEvents.runningTasks());
    }

    /** Runtime setting: milliseconds the Simulated provider takes per call (0 by default). */
    public static final String SIMULATED_LATENCY_KEY = "llm.simulated_latency_ms";

    /**
     * The engine acting for the person at this desktop (tray menu, notifications): an in-process
     * admin identity that exists in no table and is never accepted from outside the process.
     */
    static final User SYSTEM = new User("system", "system@localhost", "This computer", Role.ADMIN, true);

    /** Pause/resume every running project (tray menu); a no-op until the executor step has run. */
    public EngineControls engineControls() {
        if (executor == null) {
            return EngineControls.UNAVAILABLE;
        }
        return new EngineControls() {
            @Override
            public void pauseAll() {
                for (ProjectSummary p : projects.list(SYSTEM)) {
                    if (p.status() == ProjectStatus.RUNNING) {
                        executor.pause(SYSTEM, p.id());
                        pausedByTray.add(p.id());
                    }
                }
            }

            @Override
            public void resumeAll() {
                for (String id : List.copyOf(pausedByTray)) {
                    pausedByTray.remove(id);
                    try {
                        executor.resume(SYSTEM, id);
                    } catch (RuntimeException e) {
                        startupLog.info("Resume all: project {} was not resumed: {}", id, e.getMessage());
                    }
                }
            }
        };
    }

    /** {@code --create-api-key NAME}: a personal API key for the local owner (single-user mode). */
    public ApiKeyIssuer apiKeyIssuer() {
        return name -> {
            if (owner == null) {
                throw new StartupException(StartupException.OTHER,
                        "In multi-user mode each user creates their API keys in Settings; --create-api-key is for single-user mode.");
            }
            return apiKeys.create(owner, name).plaintext();
        };
    }

    /** The loopback API's live switch, once the api step has run. */
    public ApiSwitch apiSwitch() {
        return require(apiSwitch, "api");
    }

    /** Every service, once the executor step has run (for the UI and the API). */
    public EngineServices services() {
        return require(services, "executor");
    }

    private Clock clock() {
        return options.clock();
    }

    // ------------------------------------------------------------ accessors (after their step ran)

    public AppConfig config() {
        return require(config, "config");
    }

    /** What validation warned about (e.g. no Anthropic key); shown once the engine is up. */
    public List<String> configWarnings() {
        return List.copyOf(configWarnings);
    }

    public Database database() {
        return require(database, "database");
    }

    public SettingsStore settings() {
        return require(settings, "settings");
    }

    public OkHttpClient httpClient() {
        return require(http, "http client").shared();
    }

    public InstanceLock instanceLock() {
        return require(instanceLock, "single instance");
    }

    public TrayEvents trayEvents() {
        return require(trayEvents, "tray");
    }

    private static <T> T require(T value, String step) {
        if (value == null) {
            throw new IllegalStateException("The '" + step + "' start-up step has not run");
        }
        return value;
    }
}
