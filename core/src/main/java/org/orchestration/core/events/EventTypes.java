package org.orchestration.core.events;

/**
 * The event types the engine publishes; the UI and the API (SSE) consume them. Payload fields of
 * each type are listed in {@code docs/parts/exec.md}.
 */
public final class EventTypes {

    /** A task changed status: taskId, title, status, previous, attempt, error?, note?, waitReason?, retryAfter?. */
    public static final String TASK_STATUS = "task.status";
    /** A provider call of a task finished: taskId, round, inputTokens, outputTokens, costMicros, totalCostMicros. */
    public static final String TASK_TOKENS = "task.tokens";
    /** A task's tool call finished: taskId, round, tool, isError. */
    public static final String TASK_TOOL = "task.tool";
    /** A task waits (reason "budget"): taskId, title, reason, message. */
    public static final String TASK_WAITING = "task.waiting";
    /** A project changed status: status, previous, reason?. */
    public static final String PROJECT_STATUS = "project.status";
    /** Global: spend passed 80 % or 100 % of a limit: period, thresholdPercent, spentMicros, limitMicros. */
    public static final String BUDGET_WARNING = "budget.warning";
    /** Global: an admin changed the budget limits: dailyLimitMicros, monthlyLimitMicros. */
    public static final String BUDGET_LIMITS = "budget.limits";
    /** Global: an admin changed the worker pool size: concurrency. */
    public static final String EXECUTION_CONCURRENCY = "execution.concurrency";
    /** A log line for the project's activity view: level, message, taskId?. */
    public static final String LOG = "log";

    private EventTypes() {
    }
}
