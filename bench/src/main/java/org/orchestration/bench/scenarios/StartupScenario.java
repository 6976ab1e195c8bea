package org.orchestration.bench.scenarios;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;

/**
 * Headless cold start: {@code java -jar app/target/orchestration-engine.jar --headless --data-dir <fresh>}
 * until it prints its ready line (a fresh data folder each time: config defaults, secret
 * generation, migrations). Needs the app jar ({@code mvn -DskipTests package}); without it the
 * scenario reports nothing and says so.
 */
public final class StartupScenario implements Scenario {

    static final String READY = "Orchestration Engine ready";
    private final Path jar;

    public StartupScenario(Path jar) {
        this.jar = jar;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "Headless cold start of " + jar + " (" + MemoryScenario.HEAP + ") to its ready line, fresh data folder each repeat.";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        if (!Files.isRegularFile(jar)) {
            return new ScenarioResult(name(), description(), 0, List.of(),
                    "Not measured: " + jar + " does not exist (build it with mvn -DskipTests package).");
        }
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < context.repeats(); r++) {
            Path data = context.workDir().resolve("data-" + r);
            ProcessBuilder pb = new ProcessBuilder("java", MemoryScenario.HEAP, "-jar", jar.toString(), "--headless", "--data-dir", data.toString())
                    .redirectErrorStream(true);
            pb.environment().remove("OE_DATA_DIR");
            long start = System.nanoTime();
            Process p = pb.start();
            StringBuilder seen = new StringBuilder();
            boolean ready = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith(READY)) {
                        seconds.add((System.nanoTime() - start) / 1e9);
                        ready = true;
                        break;
                    }
                    seen.append(line).append('\n');
                }
                p.destroy(); // SIGTERM: the app shuts down in order
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            if (!ready) {
                throw new IllegalStateException("the app never printed its ready line: " + seen);
            }
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.info("headless cold start to ready", "s", Stats.of(seconds))),
                "Wall time from process start to the ready line on stdout, JVM start included. GUI first frame is not measured "
                        + "(no virtual display in this run). The issue sets no target.");
    }
}
