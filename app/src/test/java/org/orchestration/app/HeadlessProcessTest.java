package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StartupException;

/** The real process: headless start, SIGTERM, single instance. */
class HeadlessProcessTest {

    /** SIGTERM: the JVM runs the shutdown hook, which closes the stack, then exits with 128 + 15. */
    private static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path tmp;

    @Test
    void headlessEngineStopsCleanlyOnSigtermAndLeavesAnIntactDatabase() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (EngineProcess engine = EngineProcess.start("--headless", "--data-dir", dataDir.toString(),
                "--config", tmp.resolve("none.json").toString())) {
            engine.awaitReady();

            engine.terminate();

            int code = engine.awaitExit(Duration.ofSeconds(30));
            assertThat(code).isEqualTo(EXIT_ON_SIGTERM);
            assertThat(engine.stdout()).as("stderr: %s", engine.stderr()).contains(Launcher.STOPPED_LINE);
        }
        try (Database db = Database.open(dataDir.resolve("engine.db"))) {
            assertThat(db.queryOne("PRAGMA integrity_check", rs -> rs.getString(1))).contains("ok");
            assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'")).isZero();
        }
        assertThat(dataDir.resolve("logs").resolve("engine.log")).exists();
    }

    @Test
    void secondHeadlessLaunchOnTheSameDataFolderSaysAlreadyRunning() throws Exception {
        Path dataDir = tmp.resolve("data");
        Path config = tmp.resolve("none.json");
        try (EngineProcess first = EngineProcess.start("--headless", "--data-dir", dataDir.toString(), "--config", config.toString())) {
            first.awaitReady();

            try (EngineProcess second = EngineProcess.start("--headless", "--data-dir", dataDir.toString(), "--config", config.toString())) {
                int code = second.awaitExit(Duration.ofSeconds(60));

                assertThat(code).isEqualTo(StartupException.ALREADY_RUNNING);
                assertThat(second.stderr()).containsExactly("The engine is already running for " + dataDir.toAbsolutePath());
            }
            assertThat(first.stdout()).noneMatch(l -> l.equals(Launcher.STOPPED_LINE));
        }
    }
}
