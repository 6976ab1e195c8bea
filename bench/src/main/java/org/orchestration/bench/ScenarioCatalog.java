package org.orchestration.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.orchestration.bench.scenarios.ApiScenario;
import org.orchestration.bench.scenarios.DispatchScenario;
import org.orchestration.bench.scenarios.MakespanScenario;
import org.orchestration.bench.scenarios.MemoryScenario;
import org.orchestration.bench.scenarios.RagScenario;
import org.orchestration.bench.scenarios.RetryScenario;
import org.orchestration.bench.scenarios.SseScenario;
import org.orchestration.bench.scenarios.StartupScenario;
import org.orchestration.bench.scenarios.ThroughputScenario;

/** The engine's own scenarios, registered by name; {@code quick} shrinks every size for a smoke run. */
final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    static void register(Map<String, Supplier<Scenario>> into, boolean quick) {
        into.put("dispatch", () -> quick ? new DispatchScenario(2, 10) : new DispatchScenario(4, 100));
        into.put("makespan", () -> new MakespanScenario(quick ? 60 : 1000, 8, Duration.ofMillis(20)));
        into.put("throughput", () -> new ThroughputScenario(quick ? 60 : 1000, 8));
        into.put("retry", () -> new RetryScenario(quick ? 40 : 400, 8, Duration.ofMillis(20), 0.2));
        into.put("memory", () -> new MemoryScenario(quick ? 50 : 1000));
        into.put("startup", () -> new StartupScenario(appJar()));
        into.put("api", () -> ApiScenario.standard(quick));
        into.put("sse", () -> SseScenario.standard(quick));
        into.put("rag", () -> RagScenario.standard(quick));
    }

    /** The runnable app jar, from the repo root (the bench command) or from bench/ (its tests). */
    static Path appJar() {
        Path fromRoot = Path.of("app/target/orchestration-engine.jar");
        Path fromBench = Path.of("../app/target/orchestration-engine.jar");
        return !Files.isRegularFile(fromRoot) && Files.isRegularFile(fromBench) ? fromBench : fromRoot;
    }
}
