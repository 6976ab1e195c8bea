package org.orchestration.core.planning;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A dependency reference that could not be used as written. Kept on the plan
 * ({@code plans.warnings}) so the user sees it; never dropped silently.
 *
 * @param code      NON_NUMERIC_DEPENDENCY, OUT_OF_RANGE_DEPENDENCY, SELF_DEPENDENCY or DUPLICATE_DEPENDENCY
 * @param taskIndex the index of the task whose {@code depends_on} holds the reference
 * @param reference the reference as the plan wrote it
 */
public record PlanWarning(@JsonProperty("code") String code,
                          @JsonProperty("task_index") int taskIndex,
                          @JsonProperty("task_title") String taskTitle,
                          @JsonProperty("reference") String reference,
                          @JsonProperty("message") String message) {

    public static final String NON_NUMERIC = "NON_NUMERIC_DEPENDENCY";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE_DEPENDENCY";
    public static final String SELF = "SELF_DEPENDENCY";
    public static final String DUPLICATE = "DUPLICATE_DEPENDENCY";
}
