package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.execution.RunSnapshots;
import org.orchestration.core.execution.TaskReports;
import org.orchestration.core.planning.PlanReview;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tasks.TaskHistory;
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
        return SettingsAdapter.withStoredOllamaHost(config, settings);
    }

    /**
     * @param api        the loopback API's live switch (Settings turns it on/off at once)
     * @param db         for display-only counts the services do not expose (documents per knowledge base, manual retries)
     * @param fileOpener opens files and folders with the desktop ({@link DesktopFileOpener} in the app)
     */
    public static UiPorts create(EngineServices s, ApiSwitch api, Database db, Clock clock, Consumer<Path> fileOpener) {
        return new UiPorts(
                new ProjectsAdapter(s.projects()),
                new PlanningAdapter(new PlanReview(s.plans(), s.planner(), s.planEditor(), s.decomposer(), s.costForecast())),
                new RunAdapter(s.executor(), new RunSnapshots(s.projects(), s.tasks(), s.events())),
                new TasksAdapter(new TaskReports(s.tasks(), s.projects(), s.executor(), new TaskHistory(db)), s.executor()),
                new UsageAdapter(s.usage(), clock),
                new KnowledgeAdapter(s.knowledgeBases(), s.knowledgeSearch(), db),
                new ServicesAdapter(s.monitor(), s.tools(), s.http(), s.config().anthropic().baseUrl()),
                new SettingsAdapter(new SettingsAdapter.Deps(s.config(), s.authMode(), s.owner(), s.settings(), s.auth(),
                        s.userAdmin(), s.authModeSwitch(), s.apiKeys(), s.budget(), s.executor(), s.router(), s.pricing(), api,
                        new SettingsService(db, s.settings(), s.config().execution(), s.executor()::setConcurrency,
                                s.knowledgeRoots()))),
                new AccountsAdapter(s.owner(), s.auth(), s.userAdmin()),
                new EventsAdapter(s.events(), s.tasks(), s.usage()),
                fileOpener);
    }
}
