package org.orchestration.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.orchestration.app.cli.CliOptions;
import org.orchestration.core.config.ConfigLoader;

/**
 * Everything the composition root needs from outside the process: the parsed flags, the
 * environment (for the config overrides) and the clock (in the local zone: budget days and
 * months roll over at local midnight). Tests build it directly.
 */
public record LaunchOptions(
        Path configFile,
        Optional<Path> dataDir,
        boolean headless,
        boolean api,
        Optional<Integer> apiPort,
        boolean multiUser,
        Map<String, String> env,
        Clock clock) {

    public static LaunchOptions from(CliOptions cli, Map<String, String> env) {
        return new LaunchOptions(
                cli.config().orElseGet(ConfigLoader::defaultConfigFile),
                cli.dataDir(),
                cli.headless(),
                cli.api(),
                cli.apiPort(),
                cli.multiUser(),
                Map.copyOf(env),
                Clock.systemDefaultZone());
    }

    /** Headless, defaults otherwise: what most tests start with. */
    public static LaunchOptions headless(Path configFile, Path dataDir) {
        return new LaunchOptions(configFile, Optional.of(dataDir), true, false, Optional.empty(), false, Map.of(), Clock.systemDefaultZone());
    }
}
