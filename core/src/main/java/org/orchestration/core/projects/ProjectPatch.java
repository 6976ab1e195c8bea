package org.orchestration.core.projects;

/**
 * A partial update of a project: null fields stay unchanged.
 *
 * @param clearBudgetLimit true removes the per-project limit (then {@code budgetLimitMicros} is ignored)
 */
public record ProjectPatch(String name, String requirements, Long budgetLimitMicros, boolean clearBudgetLimit) {

    public static ProjectPatch name(String name) {
        return new ProjectPatch(name, null, null, false);
    }

    public static ProjectPatch requirements(String requirements) {
        return new ProjectPatch(null, requirements, null, false);
    }

    public static ProjectPatch budgetLimit(long micros) {
        return new ProjectPatch(null, null, micros, false);
    }
}
