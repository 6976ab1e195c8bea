package org.orchestration.ui.common;

/** Installs the one fallback handler: any uncaught exception, on any thread, goes to the funnel. */
public final class UncaughtErrors {

    private UncaughtErrors() {
    }

    public static void install(ErrorFunnel funnel) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> funnel.reportUnexpected(error));
    }
}
