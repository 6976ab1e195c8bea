package org.orchestration.bench;

import java.util.Map;
import java.util.function.Supplier;

/** The engine's own scenarios (dispatch, makespan, throughput, ...), registered by name. */
final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    static void register(Map<String, Supplier<Scenario>> into, boolean quick) {
        // Engine scenarios are added here as the executor, API and RAG land.
    }
}
