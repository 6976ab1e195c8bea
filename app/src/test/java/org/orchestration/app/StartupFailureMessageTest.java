package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.app.lifecycle.Lifecycle;
import org.orchestration.core.errors.StartupException;

/**
 * A headless start that cannot go on prints one line on stderr (no stack trace), exits with the
 * failure's code, and never touches the database file.
 */
class StartupFailureMessageTest {

    @TempDir
    Path tmp;

    @Test
    void malformedConfigFileIsOneLineWithTheConfigExitCodeAndTheDatabaseIsUntouched() throws Exception {
        Path dataDir = tmp.resolve("data");
        createDatabase(dataDir);
        byte[] before = Files.readAllBytes(dataDir.resolve("engine.db"));
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{ \"execution\": { \"concurrency\": 4, } ");

        Result r = runHeadless(dataDir, config);

        assertThat(r.code).isEqualTo(StartupException.CONFIG);
        assertThat(r.stderr).singleElement().asString().startsWith("Configuration error: " + config).contains("not valid JSON");
        assertThat(Files.readAllBytes(dataDir.resolve("engine.db"))).isEqualTo(before);
    }

    @Test
    void corruptDatabaseFileIsOneLineWithTheDatabaseExitCodeAndIsLeftAsItWas() throws Exception {
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        byte[] garbage = "this is not a SQLite database, just some bytes that must survive".repeat(200).getBytes();
        Files.write(dataDir.resolve("engine.db"), garbage);

        Result r = runHeadless(dataDir, tmp.resolve("none.json"));

        assertThat(r.code).isEqualTo(StartupException.DATABASE);
        assertThat(r.stderr).singleElement().asString().contains("is damaged or is not an Orchestration Engine database");
        assertThat(Files.readAllBytes(dataDir.resolve("engine.db"))).isEqualTo(garbage);
    }

    @Test
    void readOnlyDataFolderIsOneLineWithTheDataFolderExitCode() throws Exception {
        Path dataDir = tmp.resolve("data");
        createDatabase(dataDir);
        byte[] before = Files.readAllBytes(dataDir.resolve("engine.db"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root ignores permission bits; sysfs refuses new files even to root (Linux).
        Path readOnly = Files.isWritable(dataDir) ? Path.of("/sys/kernel") : dataDir;
        try {
            Result r = runHeadless(readOnly, tmp.resolve("none.json"));

            assertThat(r.code).isEqualTo(StartupException.DATA_DIR);
            assertThat(r.stderr).singleElement().asString().isEqualTo("The data folder " + readOnly + " is read-only; the engine needs to write there.");
            assertThat(Files.readAllBytes(dataDir.resolve("engine.db"))).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** A real, migrated database, created and closed by a normal start and stop (in this JVM). */
    private static void createDatabase(Path dataDir) {
        CompositionRoot root = new CompositionRoot(LaunchOptions.headless(dataDir.resolveSibling("none.json"), dataDir), () -> { });
        try (Lifecycle lifecycle = new Lifecycle(root.steps())) {
            lifecycle.start();
        }
    }

    private record Result(int code, List<String> stderr) {
    }

    private static Result runHeadless(Path dataDir, Path config) throws Exception {
        try (EngineProcess p = EngineProcess.start("--headless", "--data-dir", dataDir.toString(), "--config", config.toString())) {
            int code = p.awaitExit(Duration.ofSeconds(60));
            return new Result(code, p.stderr());
        }
    }
}
