package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.app.cli.CliOptions;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StartupException;
import picocli.CommandLine;

class LauncherCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Launcher(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private static CliOptions parse(String... args) {
        CliOptions cli = new CliOptions();
        new CommandLine(cli).parseArgs(args);
        return cli;
    }

    @Test
    void everyFlagIsParsed() {
        CliOptions cli = parse("--data-dir", "/d", "--config", "/c.json", "--headless", "--api", "--api-port", "9000", "--multi-user");

        assertThat(cli.dataDir()).contains(Path.of("/d"));
        assertThat(cli.config()).contains(Path.of("/c.json"));
        assertThat(cli.headless()).isTrue();
        assertThat(cli.api()).isTrue();
        assertThat(cli.apiPort()).contains(9000);
        assertThat(cli.multiUser()).isTrue();
        assertThat(cli.createApiKey()).isEmpty();
    }

    @Test
    void noFlagsMeansTheWindowWithConfiguredValues() {
        CliOptions cli = parse();

        assertThat(cli.headless()).isFalse();
        assertThat(cli.dataDir()).isEmpty();
        assertThat(cli.apiPort()).isEmpty();
        assertThat(LaunchOptions.from(cli, Map.of()).configFile()).isEqualTo(ConfigLoader.defaultConfigFile());
    }

    @Test
    void createApiKeyTakesTheNameAndImpliesHeadless() {
        CliOptions cli = parse("--create-api-key", "ci-runner");

        assertThat(cli.createApiKey()).contains("ci-runner");
        assertThat(cli.headless()).isTrue();
    }

    @Test
    void flagsOverrideTheApiAndAuthModeOfTheConfigFile() {
        AppConfig loaded = new ConfigLoader(Map.of()).load(tmp.resolve("none.json"), Optional.of(tmp));
        LaunchOptions options = LaunchOptions.from(parse("--api", "--api-port", "9123", "--multi-user"), Map.of());

        AppConfig config = ConfigOverrides.apply(loaded, options);

        assertThat(config.api().enabled()).isTrue();
        assertThat(config.api().port()).isEqualTo(9123);
        assertThat(config.auth().mode()).isEqualTo(AppConfig.AuthMode.MULTI);
    }

    @Test
    void withoutFlagsTheConfigFileValuesStay() {
        AppConfig loaded = new ConfigLoader(Map.of()).load(tmp.resolve("none.json"), Optional.of(tmp));

        AppConfig config = ConfigOverrides.apply(loaded, LaunchOptions.from(parse(), Map.of()));

        assertThat(config).isEqualTo(loaded);
    }

    @Test
    void versionPrintsTheBuildVersionAndExitsZero() {
        assertThat(run("--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Orchestration Engine ").doesNotContain("unknown");
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--data-dir", "--config", "--headless", "--api", "--api-port",
                "--multi-user", "--create-api-key", "--version", "--help");
    }

    @Test
    void anUnknownFlagIsAUsageErrorOnOneLine() {
        assertThat(run("--frobnicate")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().contains("--frobnicate");
    }

    @Test
    void aNonNumericApiPortIsAUsageError() {
        assertThat(run("--api-port", "eighty")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void createApiKeyPrintsAKeyOnceThatAuthenticatesAsTheOwner() {
        int code = run("--create-api-key", "ci", "--data-dir", tmp.resolve("data").toString(), "--config", tmp.resolve("none.json").toString());

        assertThat(code).isZero();
        String key = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(key).startsWith(ApiKeyService.KEY_PREFIX);
        try (Database db = Database.open(tmp.resolve("data").resolve("engine.db"))) {
            var keys = new ApiKeyService(db, Clock.systemUTC());
            assertThat(keys.authenticate(key).isAdmin()).as("the single-user owner").isTrue();
            assertThat(db.queryLong("SELECT count(*) FROM api_keys WHERE key_hash = ?", key)).as("only a hash is stored").isZero();
        }
    }
}
