package org.orchestration.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.orchestration.app.gui.GuiRuntime;
import org.orchestration.app.gui.GuiSession;
import org.orchestration.app.gui.PlaceholderWindow;
import org.orchestration.app.gui.UiShellFactory;
import org.orchestration.app.gui.WindowActivation;
import org.orchestration.app.instance.InstanceLock;
import org.orchestration.app.lifecycle.StartupStep;
import org.orchestration.app.logging.FileLogging;
import org.orchestration.app.tray.AwtTrayNotifier;
import org.orchestration.app.tray.ClosePolicy;
import org.orchestration.app.tray.InAppNotificationArea;
import org.orchestration.app.tray.TrayActions;
import org.orchestration.app.tray.TrayEvents;
import org.orchestration.app.tray.TrayNotifier;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.config.DataDirectory;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that calls {@code new} on a service. Each service is built exactly once, by the
 * start-up step that owns it, and the step returns what stops it; {@link #steps()} lists the
 * steps in start order for the {@link org.orchestration.app.lifecycle.Lifecycle}.
 *
 * <p>Adding a service at merge: add a field, add one {@code step("name", () -> ...)} at its place
 * in {@link #steps()} (the order below is the order of the architecture: config, data folder,
 * database, HTTP client, providers, tools, executor, monitor, API, UI), build it from fields set
 * by earlier steps, and return its close/stop. The slots still empty are marked {@code MERGE:}.
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
    private OkHttpClient httpClient;
    // MERGE: ProgressBus/EventPublisher, ChatProviders + ModelRouter, ToolRegistry, BudgetManager,
    //        AuthService/ApiKeyService, Planner/Decomposer, TaskExecutor, ServiceMonitor, ApiServer.
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
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("logging", () -> FileLogging.start(config.logDir())));
        steps.add(StartupStep.of("single instance", () -> {
            instanceLock = InstanceLock.acquire(config.dataDir(), activation::activate);
            return instanceLock;
        }));
        steps.add(StartupStep.of("validate config", () -> {
            config = DataDirectory.withSecret(config);
            configWarnings = new ArrayList<>(config.validate());
            if (config.api().enabled()) { // MERGE: remove once the "api" step exists
                configWarnings.add("The loopback API is not part of this build yet; --api / api.enabled is ignored.");
            }
            configWarnings.forEach(w -> startupLog.warn("{}", w));
            return StartupStep.NOTHING;
        }));
        steps.add(StartupStep.of("database", () -> {
            database = Database.open(config.databaseFile());
            return database;
        }));
        steps.add(StartupStep.of("settings", () -> {
            settings = new SettingsStore(database, options.clock());
            return StartupStep.NOTHING;
        }));
        // MERGE: step("events", ...) -> new ProgressBus(database, clock); subscribe trayEvents::onEvent in the tray step.
        steps.add(StartupStep.of("http client", () -> {
            httpClient = new OkHttpClient.Builder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .readTimeout(config.anthropic().timeout())
                    .build();
            return () -> shutDownHttpClient(httpClient);
        }));
        // MERGE: step("providers", ...)     -> AnthropicProvider(httpClient or SDK, config.anthropic()), OllamaProvider(httpClient,
        //        config.ollama()), SimulatedProvider; ModelRouter(settings). Nothing to close (the HTTP client step owns the pool).
        // MERGE: step("budget", ...)        -> BudgetManager(database, settings, events, clock); seed defaults from config.budget().
        // MERGE: step("tool registry", ...) -> ToolRegistry(...tools built here...); returns registry::close if tools hold resources.
        // MERGE: step("accounts", ...)      -> AuthService(database, config.auth(), clock), ApiKeyService(database, clock).
        // MERGE: step("executor", ...)      -> executor = new TaskExecutor(database, providers, tools, budget, events, settings, clock);
        //        executor.recoverAfterCrash(); if (config.execution().resumeOnStart()) executor.resume();
        //        return () -> executor.shutdown(config.execution().shutdownTimeout()); // waits, then cancels -> PENDING
        // MERGE: step("monitor", ...)       -> ServiceMonitor(httpClient, config.monitor(), events); monitor.start(); return monitor::stop.
        // MERGE: if (config.api().enabled()) step("api", ...) -> ApiServer(config.api(), auth, services...).start(); return server::stop.
        steps.add(StartupStep.of("tray", () -> {
            tray = options.headless() ? TrayNotifier.none() : createTray();
            trayEvents = new TrayEvents(tray);
            // MERGE: events.subscribeGlobal(trayEvents::onEvent) and close that subscription before the tray.
            return tray;
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

    /** MERGE: {@code stage -> new UiShell(...services built above...).show(stage)}. */
    private UiShellFactory uiShellFactory() {
        return PlaceholderWindow.factory(config.dataDir(), notificationArea != null ? notificationArea : new InAppNotificationArea());
    }

    private boolean hideToTrayOnClose() {
        Optional<Boolean> userChoice = settings.get("ui.close_to_tray", Boolean.class);
        return ClosePolicy.hideToTray(tray.hasTrayIcon(), userChoice, config.ui().closeToTray(), trayEvents.runningTasks());
    }

    /** MERGE: an adapter over the executor (pause/resume every running project). */
    public EngineControls engineControls() {
        return EngineControls.UNAVAILABLE;
    }

    /** MERGE: {@code name -> apiKeyService.createForLocalAdmin(name).secret()}; needs the database step. */
    public ApiKeyIssuer apiKeyIssuer() {
        return ApiKeyIssuer.UNAVAILABLE;
    }

    private static void shutDownHttpClient(OkHttpClient client) throws InterruptedException {
        ExecutorService dispatcher = client.dispatcher().executorService();
        client.dispatcher().cancelAll();
        dispatcher.shutdown();
        if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
            dispatcher.shutdownNow();
        }
        client.connectionPool().evictAll();
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
        return require(httpClient, "http client");
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
