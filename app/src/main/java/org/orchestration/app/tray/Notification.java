package org.orchestration.app.tray;

/** A desktop notification: what happened, a short title and one line of detail. */
public record Notification(Kind kind, String title, String message) {

    public enum Kind { TASK_FAILED, PROJECT_COMPLETED, PLAN_READY, BUDGET_WARNING, BUDGET_EXHAUSTED }
}
