package org.orchestration.core.events;

/**
 * Something the engine tells the window, the tray and API clients. Each kind is a record with
 * typed fields; {@link EventJson} is the only place that turns one into JSON (the {@code events}
 * table and the SSE stream) and back. Since Java 17 has no pattern {@code switch}, listeners test
 * the kinds they care about with {@code instanceof} patterns and ignore the rest.
 */
public sealed interface EngineEvent permits TaskStatusChanged, TaskProgress, TaskToolCall, TaskWaiting,
        ProjectStatusChanged, PlanReady, PlanFailed, BudgetWarning, BudgetLimitsChanged, ConcurrencyChanged,
        LogMessage, KnowledgeProgress, ServicesHealthChanged {

    /** The project the event belongs to, or null for a global event (budget, settings, services, knowledge bases). */
    String projectId();
}
