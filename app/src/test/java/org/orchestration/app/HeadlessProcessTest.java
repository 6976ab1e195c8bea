package org.orchestration.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
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
    void sigtermWhileTasksRunLeavesThemPendingToResumeNextTime() throws Exception {
        Path dataDir = tmp.resolve("data");
        Files.createDirectories(dataDir);
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"execution\": {\"shutdown_timeout_seconds\": 1}}");
        // A project that was RUNNING when the engine last stopped, with tasks on a slow Simulated provider.
        try (Database db = Database.open(dataDir.resolve("engine.db"))) {
            new SettingsStore(db, Clock.systemUTC()).put(CompositionRoot.SIMULATED_LATENCY_KEY, 60_000);
            db.update("INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u', 'u@example.com', '!', 'admin', 0)");
            db.update("INSERT INTO projects (id, owner_id, name, status, created_at, updated_at) VALUES ('p', 'u', 'P', 'RUNNING', 0, 0)");
            db.update("INSERT INTO plans (id, project_id, version, status, body, created_at, updated_at) VALUES ('pl', 'p', 1, 'APPROVED', '{}', 0, 0)");
            for (int i = 0; i < 3; i++) {
                db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, task_type, complexity, provider, model, status, created_at, updated_at) "
                        + "VALUES (?, 'p', 'pl', ?, ?, 'writing', 'simple', 'simulated', 'simulated', 'PENDING', 0, 0)", "t" + i, i, "Task " + i);
            }
        }
        try (EngineProcess engine = EngineProcess.start("--headless", "--data-dir", dataDir.toString(), "--config", config.toString())) {
            engine.awaitReady();
            try (Database reader = Database.open(dataDir.resolve("engine.db"))) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> reader.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'") > 0);
            }

            engine.terminate();

            assertThat(engine.awaitExit(Duration.ofSeconds(30))).isEqualTo(EXIT_ON_SIGTERM);
        }
        try (Database db = Database.open(dataDir.resolve("engine.db"))) {
            assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE status = 'RUNNING'")).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE status = 'PENDING'")).as("cancelled back to PENDING").isEqualTo(3);
            assertThat(db.queryOne("PRAGMA integrity_check", rs -> rs.getString(1))).contains("ok");
        }
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
