package org.orchestration.app.gui;

import javafx.stage.Stage;

/**
 * The seam where the real UI plugs in: given the primary stage (on the FX thread), put the main
 * window's scene on it and return what closes the UI's own resources when the app stops. Today
 * the composition root passes {@link PlaceholderWindow#open}; at merge it passes
 * {@code stage -> new org.orchestration.ui.UiShell(...services...).show(stage)}.
 */
@FunctionalInterface
public interface UiShellFactory {

    AutoCloseable open(Stage stage) throws Exception;
}
