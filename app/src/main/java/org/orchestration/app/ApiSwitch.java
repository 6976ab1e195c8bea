package org.orchestration.app;

import java.util.Optional;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;

/**
 * The loopback API's on/off switch and port as the Settings screen stores them. The stored
 * choice applies from the next start; {@code --api} / {@code api.enabled} turn it on regardless,
 * and {@code --api-port} wins over a stored port.
 */
public final class ApiSwitch {

    public static final String ENABLED_KEY = "api.enabled";
    public static final String PORT_KEY = "api.port";

    private ApiSwitch() {
    }

    /** {@code config} with the stored switch and port applied. */
    public static AppConfig effective(AppConfig config, SettingsStore settings, Optional<Integer> portFlag) {
        AppConfig.Api a = config.api();
        boolean enabled = a.enabled() || settings.get(ENABLED_KEY, Boolean.class, false);
        int port = portFlag.orElseGet(() -> settings.get(PORT_KEY, Integer.class, a.port()));
        if (enabled == a.enabled() && port == a.port()) {
            return config;
        }
        AppConfig.Api api = new AppConfig.Api(enabled, port, a.corsOrigins(), a.maxSubscribersPerProject());
        return new AppConfig(config.dataDir(), config.auth(), config.anthropic(), config.ollama(), config.comfyui(),
                config.execution(), config.budget(), api, config.files(), config.rag(), config.monitor(), config.planning(),
                config.ui());
    }

    public static void requireValidPort(int port) {
        if (port < 1024 || port > 65535) {
            throw new org.orchestration.core.errors.ValidationException("apiPort", "The API port must be between 1024 and 65535.");
        }
    }

    /** Stores the Settings screen's choice; validated (port 1024-65535). */
    public static void store(SettingsStore settings, boolean enabled, int port) {
        requireValidPort(port);
        settings.put(ENABLED_KEY, enabled);
        settings.put(PORT_KEY, port);
    }
}
