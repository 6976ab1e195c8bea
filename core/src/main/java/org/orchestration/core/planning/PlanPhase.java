package org.orchestration.core.planning;

/** A named stage of the plan, shown to the user for orientation; tasks name their phase. */
public record PlanPhase(String name, String description) {
}
