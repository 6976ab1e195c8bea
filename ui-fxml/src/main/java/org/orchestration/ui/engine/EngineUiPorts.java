package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.monitor.ConnectionTester;
import org.orchestration.core.monitor.ServiceChecks;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.settings.OllamaHostSetting;
import org.orchestration.core.settings.PriceTable;
import org.orchestration.core.execution.RunSnapshots;
import org.orchestration.core.execution.TaskReports;
import org.orchestration.core.planning.PlanReview;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.settings.UiPrefsStore;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.core.usage.UsageReports;
import org.orchestration.ui.port.UiPorts;

/** Builds the UI's ports on the engine's services: thin adapters, authorization stays in the services. */
public final class EngineUiPorts {

    private EngineUiPorts() {
    }

    /**
     * The configuration with what the app stored for the next start (the Ollama address chosen at
     * first run or in Settings); call once, right after the settings table is available.
     */
    public static AppConfig withStoredSettings(AppConfig config, SettingsStore settings) {
        return OllamaHostSetting.applyTo(config, settings);
    }

    /**
     * @param api        the loopback API's live switch (Settings turns it on/off at once)
     * @param db         for the settings service's transactions and display-only counts the task services do not expose (manual retries)
     * @param fileOpener opens files and folders with the desktop ({@link DesktopFileOpener} in the app)
     */
    public static UiPorts create(EngineServices s, ApiSwitch api, Database db, Clock clock, Consumer<Path> fileOpener) {
        SettingsService runtime = new SettingsService(db, s.settings(), s.config().execution(), s.executor()::setConcurrency,
                s.knowledgeRoots());
        AppSettingsService appSettings = new AppSettingsService(s.config(), s.settings(), runtime, s.budget(), s.router(),
                new PriceTable(s.settings(), s.router()), api);
        FirstRunSetup firstRun = new FirstRunSetup(s.authMode(), s.owner(), s.settings(), s.auth(), s.userAdmin(),
                s.authModeSwitch(), s.budget());
        return new UiPorts(
                new ProjectsAdapter(s.projects()),
                new PlanningAdapter(new PlanReview(s.plans(), s.planner(), s.planEditor(), s.decomposer(), s.costForecast())),
                new RunAdapter(s.executor(), new RunSnapshots(s.projects(), s.tasks(), s.events())),
                new TasksAdapter(new TaskReports(s.tasks(), s.projects(), s.executor(), new TaskHistory(db)), s.executor()),
                new UsageAdapter(new UsageReports(s.usage(), clock)),
                new KnowledgeAdapter(s.knowledgeBases(), s.knowledgeSearch()),
                new ServicesAdapter(new ServiceChecks(s.monitor(), s.tools()),
                        new ConnectionTester(s.http(), s.config().anthropic().baseUrl())),
                new SettingsAdapter(firstRun, appSettings, s.apiKeys(), new UiPrefsStore(s.settings())),
                new AccountsAdapter(s.owner(), s.auth(), s.userAdmin()),
                new EventsAdapter(s.events(), s.tasks(), s.projects()),
                fileOpener);
    }
}
