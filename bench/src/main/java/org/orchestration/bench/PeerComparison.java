package org.orchestration.bench;

import java.util.List;
import java.util.Optional;

/**
 * When one run measured both the engine's {@code throughput} and the {@code peer-jobrunr}
 * scenario, the ratios of their medians (engine / JobRunr): above 1 the engine is faster for
 * throughput; below 1 it starts its first task sooner.
 */
final class PeerComparison {

    private PeerComparison() {
    }

    static Optional<ScenarioResult> of(List<ScenarioResult> results) {
        Optional<ScenarioResult> engine = find(results, "throughput");
        Optional<ScenarioResult> peer = find(results, "peer-jobrunr");
        if (engine.isEmpty() || peer.isEmpty()) {
            return Optional.empty();
        }
        double throughputRatio = median(engine.get(), "tasks/s") / median(peer.get(), "throughput");
        double firstStartRatio = median(engine.get(), "time to first start") / median(peer.get(), "time to first start");
        return Optional.of(new ScenarioResult("peer-comparison", "Engine vs JobRunr in the same run (ratios of medians).",
                1, List.of(
                        Metric.info("throughput engine / JobRunr", "ratio", Stats.of(List.of(throughputRatio))),
                        Metric.info("time to first start engine / JobRunr", "ratio", Stats.of(List.of(firstStartRatio)))),
                "Same count of independent no-op units and the same parallelism (8 slots / 8 workers), both on SQLite. The engine's "
                        + "tasks do more per unit (prompt from the database, a provider call, budget, usage row, events)."));
    }

    private static Optional<ScenarioResult> find(List<ScenarioResult> results, String name) {
        return results.stream().filter(r -> r.scenario().equals(name)).findFirst();
    }

    private static double median(ScenarioResult result, String metric) {
        return result.metrics().stream().filter(m -> m.name().equals(metric)).findFirst()
                .map(m -> m.stats().p50()).orElse(Double.NaN);
    }
}
