package org.orchestration.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line, parsed by picocli. Flags override {@code config.json}; anything not given
 * keeps the configured (or default) value, which is why the overriding flags are boxed.
 */
@Command(name = "orchestration-engine",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Turns requirements into a plan, the plan into tasks, and runs them under a budget.",
        footer = {"", "Without --headless the desktop window opens. Exit codes: 0 ok, 1 other error, "
                + "2 configuration, 3 database, 4 data folder, 5 already running."})
public final class CliOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder for the database, logs and workspaces (default: the OS data folder).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The config.json to read (default: config.json in the OS config folder).")
    Path config;

    @Option(names = "--headless", description = "No window: run the engine (and the API if on) until stopped.")
    boolean headless;

    @Option(names = "--api", description = "Start the loopback HTTP API (same as api.enabled=true).")
    boolean api;

    @Option(names = "--api-port", paramLabel = "PORT", description = "Port of the loopback API (same as api.port).")
    Integer apiPort;

    @Option(names = "--multi-user", description = "Several accounts with sign-in (same as auth.mode=\"multi\").")
    boolean multiUser;

    @Option(names = "--demo",
            description = "Try the app: the real engine with the Simulated provider (no key, no cost) on a new temporary "
                    + "data folder with sample projects, deleted when the app quits. Ignores config.json and --data-dir.")
    boolean demo;

    @Option(names = "--create-api-key", paramLabel = "NAME",
            description = "Create an API key called NAME, print it once, and exit (implies --headless).")
    String createApiKey;

    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    /** True for {@code --headless} and for the one-shot {@code --create-api-key}. */
    public boolean headless() {
        return headless || createApiKey != null;
    }

    public boolean api() {
        return api;
    }

    public Optional<Integer> apiPort() {
        return Optional.ofNullable(apiPort);
    }

    public boolean multiUser() {
        return multiUser;
    }

    public boolean demo() {
        return demo;
    }

    public Optional<String> createApiKey() {
        return Optional.ofNullable(createApiKey);
    }
}
