package org.orchestration.app.ui;

import java.nio.file.Path;
import org.orchestration.app.CompositionRoot;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.app.LaunchOptions;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;

/**
 * The whole engine, headless, on a real SQLite database in a temporary folder: the same
 * composition root and start-up steps as the app, without the window.
 */
final class RealEngine implements AutoCloseable {

    final CompositionRoot root;
    final Lifecycle lifecycle;

    private RealEngine(CompositionRoot root, Lifecycle lifecycle) {
        this.root = root;
        this.lifecycle = lifecycle;
    }

    static RealEngine start(Path dataDir) {
        return start(LaunchOptions.headless(noConfig(dataDir), dataDir));
    }

    /** The engine as {@code --multi-user} starts it: accounts with sign-in, no local owner. */
    static RealEngine startMultiUser(Path dataDir) {
        return start(LaunchOptions.headless(noConfig(dataDir), dataDir).withMultiUser());
    }

    /**
     * A config.json that does not exist, in a folder of its own: knowledge bases never read the
     * config folder, so it must not be the temporary folder the tests put documents in.
     */
    static Path noConfig(Path dataDir) {
        return dataDir.resolveSibling("config").resolve("no-config.json");
    }

    /** The engine as the app starts it with these options (config file, environment, mode). */
    static RealEngine start(LaunchOptions options) {
        CompositionRoot root = new CompositionRoot(options, () -> { });
        Lifecycle lifecycle = new Lifecycle(root.steps());
        lifecycle.start();
        return new RealEngine(root, lifecycle);
    }

    EngineServices services() {
        return root.services();
    }

    /** The loopback API's base URL ({@code http://127.0.0.1:PORT}); the API must be on. */
    String apiBaseUrl() {
        return root.apiSwitch().baseUrl().orElseThrow(() -> new IllegalStateException("the API is off"));
    }

    /** The engine's database, for fixtures that write rows directly (e.g. a task graph). */
    Database database() {
        return root.database();
    }

    User owner() {
        return services().owner();
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}
