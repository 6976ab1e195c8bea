package org.orchestration.app.gui;

import java.util.logging.Logger;

/**
 * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" on
 * every class-path start (the fat jar, the installer). That is how this app is meant to run, so
 * that one message is filtered; other JavaFX warnings (CSS, layout) still show.
 */
final class JavaFxWarnings {

    /** Held in a field because java.util.logging keeps loggers only weakly. */
    private static final Logger FX_LOG = Logger.getLogger("javafx");

    static {
        FX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    private JavaFxWarnings() {
    }

    /** Installs the filter (once, when this class is first used); call before JavaFX starts. */
    static void install() {
        // the static initialiser does the work
    }
}
