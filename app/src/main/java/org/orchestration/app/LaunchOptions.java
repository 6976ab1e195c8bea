package org.orchestration.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.orchestration.app.cli.CliOptions;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.errors.StartupException;

/**
 * Everything the composition root needs from outside the process: the parsed flags, the
 * environment (for the config overrides) and the clock (in the local zone: budget days and
 * months roll over at local midnight). Tests build it directly.
 *
 * @param demo {@code --demo}: Simulated mode with sample projects on a data folder of its own,
 *             deleted at exit (the data folder and config file are then a new temporary folder
 *             and a file that does not exist there)
 */
public record LaunchOptions(
        Path configFile,
        Optional<Path> dataDir,
        boolean headless,
        boolean api,
        Optional<Integer> apiPort,
        boolean multiUser,
        Map<String, String> env,
        Clock clock,
        boolean demo) {

    /**
     * @throws StartupException (data folder) when {@code --demo} cannot create its temporary folder
     */
    public static LaunchOptions from(CliOptions cli, Map<String, String> env) {
        if (cli.demo()) {
            Path folder = demoFolder();
            return new LaunchOptions(folder.resolve("config.json"), Optional.of(folder), cli.headless(), cli.api(), cli.apiPort(),
                    false, Map.of(), Clock.systemDefaultZone(), true);
        }
        return new LaunchOptions(
                cli.config().orElseGet(ConfigLoader::defaultConfigFile),
                cli.dataDir(),
                cli.headless(),
                cli.api(),
                cli.apiPort(),
                cli.multiUser(),
                Map.copyOf(env),
                Clock.systemDefaultZone(),
                false);
    }

    /** Headless, defaults otherwise: what most tests start with. */
    public static LaunchOptions headless(Path configFile, Path dataDir) {
        return new LaunchOptions(configFile, Optional.of(dataDir), true, false, Optional.empty(), false, Map.of(),
                Clock.systemDefaultZone(), false);
    }

    /** The same options with {@code --multi-user}. */
    public LaunchOptions withMultiUser() {
        return new LaunchOptions(configFile, dataDir, headless, api, apiPort, true, env, clock, demo);
    }

    /** The same options as {@code --demo} gives them, on {@code folder}. */
    public static LaunchOptions demo(Path folder, boolean headless) {
        return new LaunchOptions(folder.resolve("config.json"), Optional.of(folder), headless, false, Optional.empty(), false,
                Map.of(), Clock.systemDefaultZone(), true);
    }

    private static Path demoFolder() {
        try {
            return Files.createTempDirectory("orchestration-demo-");
        } catch (IOException e) {
            throw new StartupException(StartupException.DATA_DIR, "The demo's temporary data folder cannot be created: " + e.getMessage());
        }
    }
}
