package org.orchestration.core.settings;

import java.util.Optional;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;

/**
 * The Ollama address chosen at first run or in Settings ({@value #KEY}). The Ollama clients are
 * built at start, so a new address is stored for the next start and applied to the configuration
 * then ({@link #applyTo}).
 */
public final class OllamaHostSetting {

    public static final String KEY = "ollama.host";

    private OllamaHostSetting() {
    }

    /** The address shown: the stored one, else the configured one. */
    public static String current(AppConfig config, SettingsStore settings) {
        return settings.get(KEY, String.class).orElse(config.ollama().host());
    }

    /** Stores {@code host} for the next start; blank, or the configured address, stores nothing. */
    public static void storeForNextStart(AppConfig config, SettingsStore settings, String host) {
        String h = host == null ? "" : host.strip();
        if (!h.isEmpty() && !h.equals(config.ollama().host())) {
            settings.put(KEY, h);
        }
    }

    /** The configuration with the stored address, if any; call once at start, when the settings table is open. */
    public static AppConfig applyTo(AppConfig config, SettingsStore settings) {
        Optional<String> host = settings.get(KEY, String.class).map(String::strip).filter(h -> !h.isEmpty());
        if (host.isEmpty() || host.get().equals(config.ollama().host())) {
            return config;
        }
        AppConfig.Ollama o = config.ollama();
        return new AppConfig(config.dataDir(), config.auth(), config.anthropic(),
                new AppConfig.Ollama(host.get(), o.generationTimeout(), o.embeddingTimeout(), o.healthTimeout()), config.comfyui(),
                config.execution(), config.budget(), config.api(), config.files(), config.rag(), config.monitor(),
                config.planning(), config.ui());
    }
}
