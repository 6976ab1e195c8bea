package org.orchestration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered scenario runs in quick mode and reports figures (no timing is asserted). */
class QuickScenariosTest {

    static Stream<String> scenarios() {
        return BenchMain.registry(true).keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void quickRunProducesMetrics(String name, @TempDir Path dir) throws Exception {
        Scenario scenario = BenchMain.registry(true).get(name).get();

        ScenarioResult result = scenario.run(new BenchContext(dir, 1, true));

        assertThat(result.scenario()).isEqualTo(name);
        if (name.equals("startup") && !Files.isRegularFile(ScenarioCatalog.appJar())) {
            assertThat(result.note()).startsWith("Not measured"); // the app jar is built by `mvn package` only
            return;
        }
        assertThat(result.metrics()).isNotEmpty();
        assertThat(result.metrics()).allSatisfy(m -> {
            assertThat(m.stats().n()).isPositive();
            assertThat(m.stats().p50()).isFinite();
        });
    }
}
