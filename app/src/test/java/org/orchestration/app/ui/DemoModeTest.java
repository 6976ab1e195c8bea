package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.orchestration.app.LaunchOptions;
import org.orchestration.app.cli.CliOptions;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.projects.ProjectSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --demo}: the real engine in Simulated mode on a folder of its own, with sample projects, gone at exit. */
class DemoModeTest {

    @Test
    void theDemoFlagGivesANewTemporaryDataFolderAndIgnoresTheUsersConfig() throws Exception {
        CliOptions cli = new CliOptions();
        new CommandLine(cli).parseArgs("--demo", "--headless", "--data-dir", "/should/be/ignored");
        LaunchOptions options = LaunchOptions.from(cli, Map.of("OE_DATA_DIR", "/also/ignored"));
        try {
            assertThat(options.demo()).isTrue();
            Path folder = options.dataDir().orElseThrow();
            assertThat(folder.getFileName().toString()).startsWith("orchestration-demo-");
            assertThat(Files.isDirectory(folder)).isTrue();
            assertThat(options.configFile().getParent()).isEqualTo(folder);
            assertThat(options.configFile()).doesNotExist();
            assertThat(options.env()).isEmpty();
        } finally {
            Files.deleteIfExists(options.dataDir().orElseThrow());
        }
    }

    @Test
    void theDemoStartsInSimulatedModeWithSampleProjectsAndDeletesItsFolderAtExit(@TempDir Path dir) {
        Path folder = dir.resolve("demo");
        try (RealEngine engine = RealEngine.start(LaunchOptions.demo(folder, true))) {
            assertThat(engine.services().router().mode().kind()).isEqualTo(ModelRouter.ModeKind.SIMULATED);
            assertThat(engine.services().firstRun().state().firstRunDone()).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> statusOf(engine, SampleProjects.RUNNING) == ProjectStatus.COMPLETED);
            Map<String, ProjectStatus> byName = engine.services().projects().list(engine.owner()).stream()
                    .collect(Collectors.toMap(ProjectSummary::name, ProjectSummary::status));
            assertThat(byName).containsEntry(SampleProjects.DRAFT, ProjectStatus.DRAFT)
                    .containsEntry(SampleProjects.PLANNED, ProjectStatus.PLANNED)
                    .containsEntry(SampleProjects.RUNNING, ProjectStatus.COMPLETED)
                    .hasSize(3);
            assertThat(folder.resolve("engine.db")).exists();
        }
        assertThat(folder).doesNotExist();
    }

    private static ProjectStatus statusOf(RealEngine engine, String name) {
        return engine.services().projects().list(engine.owner()).stream().filter(p -> p.name().equals(name))
                .map(ProjectSummary::status).findFirst().orElse(null);
    }
}
