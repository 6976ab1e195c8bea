package org.orchestration.bench;

import java.util.List;

/** What one scenario measured, with a note on how (sizes, repeats, settings). */
public record ScenarioResult(String scenario, String description, int repeats, List<Metric> metrics, String note) {
}
