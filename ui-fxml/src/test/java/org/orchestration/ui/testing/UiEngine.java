package org.orchestration.ui.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.testing.TestEngine;
import org.orchestration.ui.engine.EngineUiPorts;
import org.orchestration.ui.port.UiPorts;

/**
 * The window's view of the real engine for ui-fxml tests: {@link TestEngine} (every service, the
 * Simulated provider, a temporary SQLite file) seen through what the composition root hands the
 * UI. The loopback API cannot be switched on here (the app's tests cover that switch).
 */
public final class UiEngine implements AutoCloseable {

    public final TestEngine engine;
    private final ApiSwitch apiSwitch;

    private UiEngine(TestEngine engine) {
        this.engine = engine;
        this.apiSwitch = new ApiSwitch(engine.settings, port -> {
            throw new StartupException(StartupException.OTHER, "The API is not available in ui-fxml tests.");
        });
    }

    /** Single-user mode with the local owner signed in automatically. */
    public static UiEngine start(Path dir) {
        return new UiEngine(TestEngine.start(dir));
    }

    /** Single-user mode with this environment and config file and the app's standard tools ({@link TestEngine#startWithTools}). */
    public static UiEngine startWithTools(Path dir, Map<String, String> env, Path configFile) {
        return new UiEngine(TestEngine.startWithTools(dir, env, configFile));
    }

    /** Multi-user mode: no owner, accounts sign in. */
    public static UiEngine startMultiUser(Path dir) {
        return new UiEngine(TestEngine.startMultiUser(dir));
    }

    /** What the shell and view models are given; {@code opener} records what the UI asks the desktop to open. */
    public UiPorts ports(Consumer<Path> opener) {
        return EngineUiPorts.create(engine.services(), apiSwitch, engine.db, engine.clock, opener);
    }

    public UiPorts ports() {
        return ports(p -> { });
    }

    @Override
    public void close() {
        apiSwitch.close();
        engine.close();
    }
}
