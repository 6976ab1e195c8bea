package org.orchestration.bench.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.FakeAnthropicServer;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.orchestration.bench.support.EngineRig;
import org.orchestration.bench.support.TaskGraph;
import org.orchestration.core.llm.AnthropicProvider;

/**
 * Retries must not hold slots: the throughput of healthy tasks (never rate-limited) while 20 % of
 * calls get a 429, as a ratio to the same run without faults. Full provider path.
 */
public final class RetryScenario implements Scenario {

    private final int tasks;
    private final int slots;
    private final Duration latency;
    private final double faultFraction;

    public RetryScenario(int tasks, int slots, Duration latency, double faultFraction) {
        this.tasks = tasks;
        this.slots = slots;
        this.latency = latency;
        this.faultFraction = faultFraction;
    }

    @Override
    public String name() {
        return "retry";
    }

    @Override
    public String description() {
        return "%d independent tasks, %d slots, fake Anthropic server with %d ms latency; %d %% of calls answered 429 (retry-after: 0) vs none."
                .formatted(tasks, slots, latency.toMillis(), Math.round(faultFraction * 100));
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> ratios = new ArrayList<>();
        List<Double> healthyRates = new ArrayList<>();
        List<Double> cleanRates = new ArrayList<>();
        List<Double> rateLimited = new ArrayList<>();
        try (FakeAnthropicServer fake = new FakeAnthropicServer(latency, EngineRig.ANTHROPIC_MODEL, 120, 30)) {
            for (int r = 0; r < context.repeats(); r++) {
                fake.rateLimitFraction(0);
                double clean = healthyRate(context, fake, "clean-" + r);
                fake.rateLimitFraction(faultFraction);
                long before = fake.rateLimited();
                double faulty = healthyRate(context, fake, "faulty-" + r);
                rateLimited.add((double) (fake.rateLimited() - before));
                cleanRates.add(clean);
                healthyRates.add(faulty);
                ratios.add(faulty / clean);
            }
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.info("healthy tasks/s with 429s / without", "ratio", Stats.of(ratios)),
                Metric.info("healthy tasks/s with 429s", "tasks/s", Stats.of(healthyRates)),
                Metric.info("tasks/s without faults", "tasks/s", Stats.of(cleanRates)),
                Metric.info("429 answers per faulty run", "calls", Stats.of(rateLimited))),
                "Healthy = never sent back to PENDING; their rate = their count / time from start to the last healthy completion. "
                        + "Rate-limited tasks wait for their persisted retry_after (backoff base 2 s, jitter) off-slot and must all "
                        + "complete too (the run fails otherwise). The issue sets no number for this ratio; 1.0 means retries cost "
                        + "healthy tasks nothing.");
    }

    private double healthyRate(BenchContext context, FakeAnthropicServer fake, String label) throws Exception {
        try (EngineRig rig = new EngineRig(context.workDir().resolve(label), slots, fake.baseUrl(), 2000)) {
            rig.run(TaskGraph.independent(AnthropicProvider.ID, EngineRig.ANTHROPIC_MODEL, Math.max(16, tasks / 10)), Duration.ofMinutes(5));
            TaskGraph graph = TaskGraph.independent(AnthropicProvider.ID, EngineRig.ANTHROPIC_MODEL, tasks);
            String projectId = graph.write(rig.db, rig.user);
            long start = System.nanoTime();
            rig.executor.start(rig.user, projectId);
            String end = rig.timeline.projectEnd(projectId).get(10, TimeUnit.MINUTES);
            if (!end.equals("COMPLETED")) {
                throw new IllegalStateException("project ended " + end);
            }
            long lastHealthy = start;
            int healthy = 0;
            for (TaskGraph.Node n : graph.nodes()) {
                if (!rig.timeline.wasRetried(n.id())) {
                    healthy++;
                    lastHealthy = Math.max(lastHealthy, rig.timeline.completed(n.id()));
                }
            }
            return healthy / Math.max(1e-9, (lastHealthy - start) / 1e9);
        }
    }
}
