package org.orchestration.ui.testing;

import java.nio.file.Path;
import java.util.Map;
import org.orchestration.core.testing.TestEngine;

/**
 * The window's view of the real engine for ui-fxml tests: {@link TestEngine} (every service, the
 * Simulated provider, a temporary SQLite file) seen through what the composition root hands the
 * UI.
 */
public final class UiEngine implements AutoCloseable {

    public final TestEngine engine;

    private UiEngine(TestEngine engine) {
        this.engine = engine;
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

    @Override
    public void close() {
        engine.close();
    }
}
