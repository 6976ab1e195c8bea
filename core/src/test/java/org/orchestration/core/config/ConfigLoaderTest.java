package org.orchestration.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.errors.StartupException;

class ConfigLoaderTest {

    static final String GOOD_SECRET = "0123456789abcdef0123456789abcdef-long-enough";

    @TempDir
    Path dir;

    private AppConfig load(String json) throws Exception {
        return load(json, Map.of());
    }

    private AppConfig load(String json, Map<String, String> env) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigLoader(env).load(file, Optional.of(dir.resolve("data")));
    }

    private static void assertOneLine(Throwable e) {
        assertThat(e).isInstanceOf(ConfigException.class);
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("Configuration error: ");
        assertThat(((StartupException) e).exitCode()).isEqualTo(StartupException.CONFIG);
    }

    @Test
    void aMissingFileMeansDefaults() {
        AppConfig c = new ConfigLoader(Map.of()).load(dir.resolve("absent.json"), Optional.of(dir));
        assertThat(c.execution().concurrency()).isEqualTo(4);
        assertThat(c.auth().mode()).isEqualTo(AppConfig.AuthMode.SINGLE);
        assertThat(c.api().enabled()).isFalse();
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void aMissingSecretFailsValidationNamingTheKey() throws Exception {
        AppConfig c = load("{}");
        assertThatThrownBy(c::validate).satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("auth.secret_key is missing");
    }

    @Test
    void aShortSecretFailsValidationNamingTheKey() throws Exception {
        AppConfig c = load("{\"auth\": {\"secret_key\": \"short\"}}");
        assertThatThrownBy(c::validate).satisfies(ConfigLoaderTest::assertOneLine)
                .hasMessageContaining("auth.secret_key is too short (5 characters; at least 32");
    }

    @Test
    void badJsonGivesOneLineWithThePosition() {
        assertThatThrownBy(() -> load("{\"execution\": {\"concurrency\": 4,,}}"))
                .satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("is not valid JSON at line 1");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> load("{\"execution\": {\"concurrency\": \"four\"}}"))
                .satisfies(ConfigLoaderTest::assertOneLine)
                .hasMessageContaining("execution.concurrency must be a whole number (was string \"four\")");
        assertThatThrownBy(() -> load("{\"api\": {\"enabled\": \"yes\"}}"))
                .satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("api.enabled must be true or false");
        assertThatThrownBy(() -> load("{\"auth\": \"single\"}"))
                .satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("auth.mode expects its parent to be a JSON object");
        assertThatThrownBy(() -> load("[1, 2]"))
                .satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("must hold one JSON object");
    }

    @Test
    void outOfRangeValuesFailValidationNamingTheKey() throws Exception {
        AppConfig c = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}, \"execution\": {\"concurrency\": 0}}");
        assertThatThrownBy(c::validate).satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("execution.concurrency");
        AppConfig bad = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}, \"ollama\": {\"host\": \"not a url\"}}");
        assertThatThrownBy(bad::validate).satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("ollama.host");
    }

    @Test
    void eventStreamLimitsAreReadAndAPerUserLimitAboveTheTotalIsRefused() throws Exception {
        assertThat(load("{}").api().maxStreamsPerUser()).isEqualTo(16);
        assertThat(load("{}").api().maxStreams()).isEqualTo(256);
        AppConfig c = load("{\"api\": {\"max_streams_per_user\": 4, \"max_streams\": 40}}");
        assertThat(c.api().maxStreamsPerUser()).isEqualTo(4);
        assertThat(ApiOptions.from(c).streamLimits()).isEqualTo(new ApiOptions.StreamLimits(4, 40));
        AppConfig bad = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}, \"api\": {\"max_streams_per_user\": 50, \"max_streams\": 40}}");
        assertThatThrownBy(bad::validate).satisfies(ConfigLoaderTest::assertOneLine).hasMessageContaining("api.max_streams_per_user");
    }

    @Test
    void noAnthropicKeyIsAWarningNotAFailure() throws Exception {
        AppConfig c = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}}");
        assertThat(c.validate()).anySatisfy(w -> assertThat(w).contains("No Anthropic API key"));
        AppConfig withKey = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}, \"anthropic\": {\"api_key\": \"sk-test\"}}");
        assertThat(withKey.validate()).isEmpty();
    }

    @Test
    void environmentVariablesOverrideTheFile() throws Exception {
        AppConfig c = load("{\"anthropic\": {\"api_key\": \"from-file\", \"base_url\": \"https://file.example\"}, \"ollama\": {\"host\": \"http://file:1\"}}",
                Map.of("ANTHROPIC_API_KEY", "from-env", "ANTHROPIC_BASE_URL", "http://127.0.0.1:9999/", "OLLAMA_HOST", "127.0.0.1:11500"));
        assertThat(c.anthropic().apiKey()).contains("from-env");
        assertThat(c.anthropic().baseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(c.ollama().host()).isEqualTo("http://127.0.0.1:11500");
    }

    @Test
    void theDataDirFlagWinsOverEnvironmentAndFile() throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"data_dir\": \"/from/file\"}");
        AppConfig flag = new ConfigLoader(Map.of("OE_DATA_DIR", "/from/env")).load(file, Optional.of(dir.resolve("flag")));
        assertThat(flag.dataDir()).isEqualTo(dir.resolve("flag").toAbsolutePath());
        AppConfig env = new ConfigLoader(Map.of("OE_DATA_DIR", dir.resolve("env").toString())).load(file, Optional.empty());
        assertThat(env.dataDir()).isEqualTo(dir.resolve("env").toAbsolutePath());
    }

    @Test
    void unknownKeysAreIgnoredNotFatal() throws Exception {
        AppConfig c = load("{\"_comment\": \"doc\", \"colour\": \"blue\", \"execution\": {\"concurency\": 3}}");
        assertThat(c.execution().concurrency()).isEqualTo(4);
    }

    @Test
    void firstRunGeneratesASecretOnlyTheUserCanReadAndReusesIt() throws Exception {
        AppConfig c = load("{}");
        DataDirectory.prepare(c.dataDir());
        AppConfig withSecret = DataDirectory.withSecret(c);
        assertThat(withSecret.auth().secretKey()).hasSizeGreaterThanOrEqualTo(AppConfig.MIN_SECRET_LENGTH);
        assertThat(withSecret.validate()).isNotNull();

        Path secretFile = c.dataDir().resolve(DataDirectory.SECRET_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(DataDirectory.withSecret(c).auth().secretKey()).isEqualTo(withSecret.auth().secretKey());
    }

    @Test
    void aConfiguredSecretIsKeptAsItIs() throws Exception {
        AppConfig c = load("{\"auth\": {\"secret_key\": \"" + GOOD_SECRET + "\"}}");
        assertThat(DataDirectory.withSecret(c).auth().secretKey()).isEqualTo(GOOD_SECRET);
        assertThat(Files.exists(c.dataDir().resolve(DataDirectory.SECRET_FILE))).isFalse();
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> DataDirectory.prepare(blocker.resolve("data")))
                .isInstanceOf(StartupException.class)
                .satisfies(e -> assertThat(((StartupException) e).exitCode()).isEqualTo(StartupException.DATA_DIR))
                .hasMessageContaining("cannot be created");
    }
}
