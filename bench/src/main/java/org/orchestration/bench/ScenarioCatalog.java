package org.orchestration.bench;

import java.util.Map;
import java.util.function.Supplier;
import org.orchestration.bench.scenarios.RagScenario;

/** The engine's own scenarios (dispatch, makespan, throughput, ...), registered by name. */
final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    static void register(Map<String, Supplier<Scenario>> into, boolean quick) {
        into.put("rag", () -> RagScenario.standard(quick));
    }
}
