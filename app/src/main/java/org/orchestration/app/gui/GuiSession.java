package org.orchestration.app.gui;

import java.util.function.BooleanSupplier;
import org.orchestration.app.tray.TrayNotifier;

/**
 * What the JavaFX application needs from the composition root, handed over once through
 * {@link FxApp#launch(GuiSession)}.
 *
 * @param shell       builds the main window's content
 * @param tray        the tray (or in-app area); decides whether implicit exit is turned off
 * @param hideToTray  asked when the window is closed: true keeps the engine in the tray
 * @param activation  where to register "bring the window forward"
 * @param requestQuit really quits (closes the whole stack); callable from any thread
 */
public record GuiSession(UiShellFactory shell, TrayNotifier tray, BooleanSupplier hideToTray,
                         WindowActivation activation, Runnable requestQuit) {
}
