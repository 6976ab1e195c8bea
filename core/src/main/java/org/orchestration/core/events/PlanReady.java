package org.orchestration.core.events;

/** {@code plan.ready}: a draft plan was stored; {@code tasks} and {@code warnings} are counts, {@code name} the project's. */
public record PlanReady(String projectId, String planId, int version, int tasks, int warnings, String name) implements EngineEvent {
}
