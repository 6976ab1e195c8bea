package org.orchestration.core.events;

/**
 * {@code task.tokens}: one provider call of a task finished; the tokens and cost are that call's,
 * {@code totalCostMicros} the task's cost so far.
 */
public record TaskProgress(String projectId, String taskId, int attempt, int round, long inputTokens, long outputTokens,
                           long costMicros, long totalCostMicros) implements EngineEvent {
}
