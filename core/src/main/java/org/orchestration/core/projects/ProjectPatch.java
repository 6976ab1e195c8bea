package org.orchestration.core.projects;

import java.util.List;

/**
 * A partial update of a project: null fields stay unchanged.
 *
 * @param clearBudgetLimit true removes the per-project limit (then {@code budgetLimitMicros} is ignored)
 * @param tags             the new tags (replacing the old ones; empty clears them), or null to keep them
 */
public record ProjectPatch(String name, String requirements, Long budgetLimitMicros, boolean clearBudgetLimit,
                           List<String> tags) {

    public static ProjectPatch name(String name) {
        return new ProjectPatch(name, null, null, false, null);
    }

    public static ProjectPatch requirements(String requirements) {
        return new ProjectPatch(null, requirements, null, false, null);
    }

    public static ProjectPatch budgetLimit(long micros) {
        return new ProjectPatch(null, null, micros, false, null);
    }

    public static ProjectPatch tags(List<String> tags) {
        return new ProjectPatch(null, null, null, false, tags);
    }
}
