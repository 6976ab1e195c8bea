package org.orchestration.ui.demo;

import javafx.application.Application;
import javafx.stage.Stage;
import org.orchestration.ui.UiShell;

/**
 * The UI on the in-memory {@link DemoBackend}, without the engine: for trying screens quickly.
 * Start through {@link DemoLauncher} (a class extending Application cannot be the main class on
 * a plain classpath).
 */
public final class DemoApp extends Application {

    private DemoBackend backend;
    private UiShell shell;

    @Override
    public void start(Stage stage) {
        backend = new DemoBackend();
        shell = new UiShell(backend.ports(path -> { }));
        shell.show(stage);
    }

    @Override
    public void stop() throws Exception {
        shell.close();
        backend.close();
    }
}
