package org.orchestration.core.errors;

/**
 * Start-up cannot go on: bad configuration, a corrupt or locked database, a read-only data
 * directory. The message is one line meant for the person starting the app; {@link #exitCode()}
 * is what a headless run exits with.
 */
public class StartupException extends RuntimeException {

    private final int exitCode;

    public StartupException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Exit codes, one per kind of start-up failure. */
    public static final int CONFIG = 2;
    public static final int DATABASE = 3;
    public static final int DATA_DIR = 4;
    public static final int ALREADY_RUNNING = 5;
    public static final int OTHER = 1;
}
