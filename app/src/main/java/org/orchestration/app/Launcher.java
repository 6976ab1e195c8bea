package org.orchestration.app;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.orchestration.app.cli.CliOptions;
import org.orchestration.app.gui.StartupFailureDialog;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.StartupException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * The main class. Deliberately not a JavaFX {@code Application}: on a plain class path an
 * Application main class fails with "JavaFX runtime components are missing", and the engine must
 * be able to start without any window ({@code --headless}).
 *
 * <p>Order: parse the flags, build the composition root, start the lifecycle (config, data
 * folder, single-instance lock, database, ..., tray, window); then wait until asked to quit
 * (tray Quit, window closed, SIGTERM/SIGINT) and close the stack in reverse order.
 */
public final class Launcher {

    /** Printed on stdout once everything is up, so scripts and tests can wait for it. */
    public static final String READY_PREFIX = "Orchestration Engine ready";
    public static final String STOPPED_LINE = "Orchestration Engine stopped";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    Launcher(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Launcher(System.getenv(), System.out, System.err).run(args);
        System.exit(code); // AWT/JavaFX threads would otherwise keep the JVM alive
    }

    /** Runs the app and returns the process exit code. */
    int run(String[] args) {
        CliOptions cli = new CliOptions();
        CommandLine commandLine = new CommandLine(cli);
        try {
            commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println(e.getMessage() + " (see --help)");
            return CommandLine.ExitCode.USAGE;
        }
        if (commandLine.isUsageHelpRequested()) {
            commandLine.usage(out);
            return 0;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(out);
            return 0;
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.from(cli, env);
        } catch (StartupException e) {
            return reportStartupFailure(e, cli.headless());
        }
        CountDownLatch quit = new CountDownLatch(1);
        CompositionRoot root = new CompositionRoot(options, quit::countDown);
        Lifecycle lifecycle = new Lifecycle(root.steps());
        try {
            lifecycle.start();
        } catch (StartupException e) {
            return reportStartupFailure(e, options.headless());
        }
        if (cli.createApiKey().isPresent()) {
            return createApiKey(root, lifecycle, cli.createApiKey().get());
        }
        Thread hook = new Thread(() -> {
            lifecycle.close();
            out.println(STOPPED_LINE);
            out.flush();
        }, "oe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(READY_PREFIX + " (data folder " + root.config().dataDir()
                + (options.headless() ? ", headless" : "") + "). Stop with Ctrl+C.");
        out.flush();
        root.configWarnings().forEach(w -> err.println("Warning: " + w));
        try {
            quit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Quit from the tray or the window: close here rather than in the hook, then unregister it.
        lifecycle.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running; it finds the lifecycle closed
        }
        out.println(STOPPED_LINE);
        return 0;
    }

    private int createApiKey(CompositionRoot root, Lifecycle lifecycle, String name) {
        try (lifecycle) {
            String key = root.apiKeyIssuer().create(name);
            out.println(key);
            err.println("This is the only time the key is shown. Send it as: Authorization: Bearer <key>");
            return 0;
        } catch (StartupException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (AppException e) {
            err.println("The API key was not created: " + e.getMessage());
            return StartupException.OTHER;
        }
    }

    private int reportStartupFailure(StartupException e, boolean headless) {
        if (headless || e.exitCode() == StartupException.ALREADY_RUNNING) {
            // A second GUI launch has already asked the first window to come forward.
            err.println(e.getMessage());
        } else {
            StartupFailureDialog.show(e.getMessage(), err);
        }
        return headless || e.exitCode() != StartupException.ALREADY_RUNNING ? e.exitCode() : 0;
    }
}
