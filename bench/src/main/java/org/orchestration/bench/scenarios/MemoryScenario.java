package org.orchestration.bench.scenarios;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;

/** Resident memory of the engine (database, bus, budget, executor) idle and after a task run, in a fresh child JVM each repeat. */
public final class MemoryScenario implements Scenario {

    static final String HEAP = "-Xmx1g";
    private static final Pattern LINE = Pattern.compile("RSS idle=(-?\\d+) after=(-?\\d+) fds=(-?\\d+)");

    private final int tasks;

    public MemoryScenario(int tasks) {
        this.tasks = tasks;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "RSS of a fresh JVM (%s, as the installer sets) with the engine idle, then after a %d-task random DAG (Simulated provider)."
                .formatted(HEAP, tasks);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> idle = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> fds = new ArrayList<>();
        for (int r = 0; r < context.repeats(); r++) {
            Process p = new ProcessBuilder("java", HEAP, "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(),
                    context.workDir().resolve("run-" + r).toString(), String.valueOf(tasks)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("memory probe failed: " + out);
            }
            Matcher m = LINE.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("memory probe printed no figures: " + out);
            }
            idle.add(Double.parseDouble(m.group(1)));
            after.add(Double.parseDouble(m.group(2)));
            fds.add(Double.parseDouble(m.group(3)));
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.info("RSS idle", "MB", Stats.of(idle)),
                Metric.info("RSS after " + tasks + " tasks", "MB", Stats.of(after)),
                Metric.info("open file descriptors after", "fds", Stats.of(fds))),
                "Headless engine only (no JavaFX, no embedding model loaded, API off); read from /proc/self/status after System.gc(). "
                        + "The issue sets no memory target.");
    }
}
