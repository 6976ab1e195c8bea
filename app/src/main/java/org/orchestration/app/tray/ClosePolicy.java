package org.orchestration.app.tray;

import java.util.Optional;

/**
 * What closing the main window does. With a tray icon and {@code ui.close_to_tray} on, the
 * window hides and the engine keeps running in the tray; without a tray icon there would be no
 * way back, so closing quits. When the person never chose (no runtime setting), the configured
 * default applies, and the engine also stays while tasks are running.
 */
public final class ClosePolicy {

    private ClosePolicy() {
    }

    /**
     * @param userChoice    the runtime setting {@code ui.close_to_tray}, if the person set it
     * @param configDefault {@code ui.close_to_tray} from config.json (default true)
     * @return true to hide into the tray, false to quit
     */
    public static boolean hideToTray(boolean hasTrayIcon, Optional<Boolean> userChoice, boolean configDefault, int runningTasks) {
        if (!hasTrayIcon) {
            return false;
        }
        return userChoice.orElse(configDefault || runningTasks > 0);
    }
}
