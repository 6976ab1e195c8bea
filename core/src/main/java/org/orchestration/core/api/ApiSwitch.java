package org.orchestration.core.api;

import java.net.BindException;
import java.util.Optional;
import java.util.function.IntFunction;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.settings.ApiControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback API's on/off switch and port. At launch the API runs when {@code --api} /
 * {@code api.enabled} or the stored Settings switch says so ({@link #effective}; {@code --api-port}
 * wins over a stored port). From then on the Settings screen turns it on, off or onto another port
 * <b>at once</b> ({@link #apply}); the stored choice always says what is running, because it is
 * written only after the change worked. Closing the switch stops the server.
 *
 * <p>Thread-safe: changes are serialised.
 */
public final class ApiSwitch implements ApiControl, AutoCloseable {

    public static final String ENABLED_KEY = "api.enabled";
    public static final String PORT_KEY = "api.port";

    private static final Logger LOG = LoggerFactory.getLogger(ApiSwitch.class);

    private final SettingsStore settings;
    private final IntFunction<ApiServer> starter;
    private ApiServer server;

    /**
     * @param starter starts the API on a port ({@code ApiServer.start(options.withPort(p), services, background)} in
     *                the composition root); it throws {@link StartupException} when the port cannot be bound
     */
    public ApiSwitch(SettingsStore settings, IntFunction<ApiServer> starter) {
        this.settings = settings;
        this.starter = starter;
    }

    /** {@code config} with the stored switch and port applied: what runs at launch. */
    public static AppConfig effective(AppConfig config, SettingsStore settings, Optional<Integer> portFlag) {
        AppConfig.Api a = config.api();
        boolean enabled = a.enabled() || settings.get(ENABLED_KEY, Boolean.class, false);
        int port = portFlag.orElseGet(() -> settings.get(PORT_KEY, Integer.class, a.port()));
        if (enabled == a.enabled() && port == a.port()) {
            return config;
        }
        AppConfig.Api api = new AppConfig.Api(enabled, port, a.corsOrigins(), a.maxSubscribersPerProject(),
                a.maxStreamsPerUser(), a.maxStreams());
        return new AppConfig(config.dataDir(), config.auth(), config.anthropic(), config.ollama(), config.comfyui(),
                config.execution(), config.budget(), api, config.files(), config.rag(), config.monitor(), config.planning(),
                config.ui());
    }

    /** @throws ValidationException "apiPort" unless 1024-65535 */
    public static void requireValidPort(int port) {
        if (port < 1024 || port > 65535) {
            throw new ValidationException("apiPort", "The API port must be between 1024 and 65535.");
        }
    }

    @Override
    public void checkPort(int port) {
        requireValidPort(port);
    }

    /**
     * Launch: starts the API when {@code effective} (see {@link #effective}) has it enabled.
     *
     * @throws StartupException when the port cannot be bound (start-up then fails, as asked for explicitly)
     */
    public synchronized void startAtLaunch(AppConfig effective) {
        if (effective.api().enabled() && server == null) {
            server = starter.apply(effective.api().port());
        }
    }

    /**
     * The Settings screen's choice, applied now and then stored: on starts the API on {@code port}
     * (a running API on another port is replaced — the new one is started first, then the old one
     * closed); off stops it. When the change fails nothing changes: the running API (if any) keeps
     * running and the stored choice stays as it was.
     *
     * @throws ValidationException "apiPort" when the port is outside 1024-65535, or cannot be bound (a
     *                             sentence naming the port, e.g. another program uses it)
     */
    @Override
    public synchronized void apply(boolean enabled, int port) {
        requireValidPort(port);
        if (!enabled) {
            stop();
        } else if (server == null || server.port() != port) {
            ApiServer started = start(port);
            stop();
            server = started;
        }
        settings.put(ENABLED_KEY, enabled);
        settings.put(PORT_KEY, port);
    }

    /** The running server's port. */
    @Override
    public synchronized Optional<Integer> runningPort() {
        return server == null ? Optional.empty() : Optional.of(server.port());
    }

    /** E.g. {@code http://127.0.0.1:8765} while the API runs. */
    public synchronized Optional<String> baseUrl() {
        return server == null ? Optional.empty() : Optional.of(server.baseUrl());
    }

    /** The port the Settings screen shows: the running one, else the stored one, else {@code fallback}. */
    @Override
    public synchronized int shownPort(int fallback) {
        return server != null ? server.port() : settings.get(PORT_KEY, Integer.class, fallback);
    }

    @Override
    public synchronized void close() {
        stop();
    }

    private ApiServer start(int port) {
        try {
            ApiServer started = starter.apply(port);
            LOG.info("API turned on in Settings: listening on {}", started.baseUrl());
            return started;
        } catch (StartupException e) {
            if (causedBy(e, BindException.class)) {
                throw new ValidationException("apiPort", "Port " + port + " is already in use by another program; "
                        + "choose another port for the API.");
            }
            throw new ValidationException("apiPort", "The API could not start on port " + port + ": " + e.getMessage());
        }
    }

    private void stop() {
        if (server != null) {
            ApiServer running = server;
            server = null;
            running.close();
            LOG.info("API on port {} stopped", running.port());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
