package org.orchestration.bench.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.orchestration.bench.support.CpuMeter;
import org.orchestration.bench.support.EngineRig;
import org.orchestration.bench.support.TaskGraph;
import org.orchestration.core.llm.SimulatedProvider;

/** End-to-end tasks per second with persistence (every transition, usage row and event in SQLite) and zero model latency. */
public final class ThroughputScenario implements Scenario {

    private static final int WARM_UP_RUNS = 10;


    private final int tasks;
    private final int slots;

    public ThroughputScenario(int tasks, int slots) {
        this.tasks = tasks;
        this.slots = slots;
    }

    @Override
    public String name() {
        return "throughput";
    }

    @Override
    public String description() {
        return "%d independent tasks, %d slots, Simulated provider with zero latency, full persistence.".formatted(tasks, slots);
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> cpuPerTask = new ArrayList<>();
        List<Double> capacity = new ArrayList<>();
        List<Double> cores = new ArrayList<>();
        List<Double> statements = new ArrayList<>();
        List<Double> firstStart = new ArrayList<>();
        for (int r = 0; r < context.repeats(); r++) {
            try (EngineRig rig = new EngineRig(context.workDir().resolve("run-" + r), slots, null, 2000)) {
                for (int w = 0; w < (r == 0 ? WARM_UP_RUNS : 1); w++) { // the JIT to steady state before the first repeat
                    rig.run(TaskGraph.independent(SimulatedProvider.ID, SimulatedProvider.MODEL, tasks), Duration.ofMinutes(5));
                }
                TaskGraph graph = TaskGraph.independent(SimulatedProvider.ID, SimulatedProvider.MODEL, tasks);
                String projectId = graph.write(rig.db, rig.user);
                long statementsBefore = rig.db.statementCount();
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                rig.executor.start(rig.user, projectId);
                String end = rig.timeline.projectEnd(projectId).get(10, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (!end.equals("COMPLETED")) {
                    throw new IllegalStateException("project ended " + end);
                }
                rates.add(tasks / seconds);
                long first = graph.nodes().stream().mapToLong(n -> rig.timeline.firstRunning(n.id())).min().orElseThrow();
                firstStart.add((first - start) / 1e6);
                double ms = cpu.cpuMs() / tasks;
                cpuPerTask.add(ms);
                capacity.add(Runtime.getRuntime().availableProcessors() * 1000 / ms);
                cores.add(cpu.coresUsed());
                statements.add((rig.db.statementCount() - statementsBefore) / (double) tasks);
            }
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.of("tasks/s", "tasks/s", Stats.of(rates), ">= 2000"),
                Metric.info("time to first start", "ms", Stats.of(firstStart)),
                Metric.info("CPU per task", "ms", Stats.of(cpuPerTask)),
                Metric.info("CPU-bound capacity (cores / CPU per task)", "tasks/s", Stats.of(capacity)),
                Metric.info("cores this JVM got", "cores", Stats.of(cores)),
                Metric.info("SQL statements per task", "statements", Stats.of(statements))),
                "From executor.start to the project's COMPLETED transition. Each task: start transaction, prompt built from the "
                        + "database, budget reserve/record (free model), usage row, completion + promotion transaction, events "
                        + "stored in the events table. Fresh database per repeat; " + WARM_UP_RUNS + " full-size warm-up runs before the first repeat, one before each other.");
    }
}
