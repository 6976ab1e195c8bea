package org.orchestration.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.orchestration.bench.scenarios.JobRunrPeerScenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs named benchmark scenarios and writes JSON + Markdown to {@code bench/results/}.
 * See docs/PERFORMANCE.md for the command and the figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Orchestration Engine benchmark harness")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--scenarios", split = ",", defaultValue = "all",
            description = "Comma-separated scenario names, or 'all'. Known: ${COMPLETION-CANDIDATES}")
    List<String> scenarios;

    @Option(names = "--repeats", defaultValue = "5", description = "Repeats per scenario (median and spread are reported).")
    int repeats;

    @Option(names = "--quick", description = "Smaller sizes, for a smoke run.")
    boolean quick;

    @Option(names = "--out", defaultValue = "bench/results", description = "Where to write results.")
    Path out;

    static Map<String, Supplier<Scenario>> registry(boolean quick) {
        Map<String, Supplier<Scenario>> all = new LinkedHashMap<>();
        ScenarioCatalog.register(all, quick);
        all.put("peer-jobrunr", () -> new JobRunrPeerScenario(quick ? 200 : 1000, 8));
        return all;
    }

    @Override
    public Integer call() throws Exception {
        MachineInfo machine = MachineInfo.current();
        System.out.printf("Machine: %d cores, %s, %s, max heap %d MB, load average %.1f%n", machine.cores(), machine.jvm(), machine.os(),
                machine.maxHeapMb(), machine.loadAverage());
        Map<String, Supplier<Scenario>> registry = registry(quick);
        List<String> names = scenarios.contains("all") ? new ArrayList<>(registry.keySet()) : scenarios;
        Path work = Files.createTempDirectory("oe-bench");
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : names) {
            Supplier<Scenario> s = registry.get(name);
            if (s == null) {
                System.err.println("Unknown scenario '" + name + "'. Known: " + registry.keySet());
                return 2;
            }
            Scenario scenario = s.get();
            System.out.println("== " + scenario.name() + ": " + scenario.description());
            ScenarioResult r;
            try {
                r = scenario.run(new BenchContext(Files.createDirectories(work.resolve(name)), repeats, quick));
            } catch (Exception | AssertionError e) {
                // One broken scenario must not lose the figures of the others: it is reported as failed.
                e.printStackTrace();
                r = new ScenarioResult(scenario.name(), scenario.description(), repeats, List.of(), "FAILED: " + e);
            }
            for (Metric m : r.metrics()) {
                System.out.printf("   %-32s median %s %s (p95 %s, min %s, max %s, n=%d)%s%n", m.name(), ResultWriter.fmt(m.stats().p50()),
                        m.unit(), ResultWriter.fmt(m.stats().p95()), ResultWriter.fmt(m.stats().min()), ResultWriter.fmt(m.stats().max()),
                        m.stats().n(), m.target().isEmpty() ? "" : "  target " + m.target() + (Boolean.TRUE.equals(m.met()) ? " met" : " MISSED"));
            }
            results.add(r);
        }
        PeerComparison.of(results).ifPresent(c -> {
            results.add(c);
            c.metrics().forEach(m -> System.out.printf("   %-32s %s%n", m.name(), ResultWriter.fmt(m.stats().p50())));
        });
        String command = "mvn -q -Pbench -pl bench -am -DskipTests verify -Dbench.args=\"" + String.join(" ", argsEcho()) + "\"";
        Path[] files = ResultWriter.write(out, command, machine, results);
        System.out.println("Wrote " + files[0] + " and " + files[1]);
        return 0;
    }

    private List<String> argsEcho() {
        List<String> a = new ArrayList<>();
        a.add("--scenarios " + String.join(",", scenarios));
        a.add("--repeats " + repeats);
        if (quick) {
            a.add("--quick");
        }
        return a;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}
