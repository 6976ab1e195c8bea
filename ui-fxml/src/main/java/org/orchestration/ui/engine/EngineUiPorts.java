package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.settings.OllamaHostSetting;
import org.orchestration.ui.port.UiPorts;

/** Builds the UI's ports on the engine's services: one-line delegations, the rules are in the services. */
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

    /** @param fileOpener opens files and folders with the desktop ({@code DesktopFileOpener} in the app) */
    public static UiPorts create(EngineServices s, Consumer<Path> fileOpener) {
        return new UiPorts(s,
                new UsageAdapter(s.usageReports()),
                new KnowledgeAdapter(s.knowledgeBases(), s.knowledgeSearch()),
                new ServicesAdapter(s.serviceChecks(), s.connectionTester()),
                new SettingsAdapter(s.firstRun(), s.appSettings(), s.apiKeys(), s.uiPrefs()),
                new AccountsAdapter(s.owner(), s.auth(), s.userAdmin()),
                fileOpener);
    }
}
