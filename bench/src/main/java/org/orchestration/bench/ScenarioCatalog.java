package org.orchestration.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.orchestration.bench.scenarios.ApiScenario;
import org.orchestration.bench.scenarios.RagScenario;
import org.orchestration.bench.scenarios.SseScenario;
import org.orchestration.bench.support.InMemoryEventLog;

/** The engine's own scenarios (dispatch, makespan, throughput, ...), registered by name. */
final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    static void register(Map<String, Supplier<Scenario>> into, boolean quick) {
        into.put("rag", () -> RagScenario.standard(quick));
        into.put("api", () -> ApiScenario.standard(quick));
        into.put("sse", () -> new SseScenario(10, 500, quick ? Duration.ofMillis(400) : Duration.ofSeconds(10), db -> {
            InMemoryEventLog log = new InMemoryEventLog(10);
            return new SseScenario.Bus(log, log, () -> { }, "an in-memory event log (no SQLite write per event)");
        }));
    }
}
