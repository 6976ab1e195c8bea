package org.orchestration.app.tray;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.events.Event;

/**
 * Turns engine events into tray notifications and the running-task count. Subscribed to the
 * event bus by the composition root; called on whatever thread publishes (after commit).
 *
 * <p>Payloads it reads (the publishers' side of the contract):
 * <ul>
 *   <li>{@code task.status}: {@code taskId}, {@code status} (a {@code TaskStatus} name), optional {@code title}
 *       — FAILED notifies; RUNNING / anything else updates the count</li>
 *   <li>{@code project.status}: {@code status}, optional {@code name} — COMPLETED notifies</li>
 *   <li>{@code plan.ready}: optional {@code name} (the project's)</li>
 *   <li>{@code budget.warning}: {@code thresholdPercent} (80, 100), optional {@code period} ("daily", "monthly")
 *       — at or over 100 is "budget used up", else "budget at N %"</li>
 * </ul>
 */
public final class TrayEvents {

    private final TrayNotifier notifier;
    private final Set<String> runningTasks = ConcurrentHashMap.newKeySet();

    public TrayEvents(TrayNotifier notifier) {
        this.notifier = notifier;
    }

    /** Handles one event; unknown types and malformed payloads are ignored. */
    public void onEvent(Event event) {
        JsonNode p = event.payload();
        if (p == null) {
            return;
        }
        switch (event.type()) {
            case "task.status" -> onTaskStatus(p);
            case "project.status" -> {
                if ("COMPLETED".equals(p.path("status").asText())) {
                    notifier.notify(new Notification(Notification.Kind.PROJECT_COMPLETED, "Project completed",
                            text(p, "name", "A project") + " has finished."));
                }
            }
            case "plan.ready" -> notifier.notify(new Notification(Notification.Kind.PLAN_READY, "Plan ready for review",
                    "The plan for " + text(p, "name", "your project") + " is waiting for your approval."));
            case "budget.warning" -> onBudget(p);
            default -> { }
        }
    }

    private void onTaskStatus(JsonNode p) {
        String taskId = p.path("taskId").asText("");
        String status = p.path("status").asText("");
        if (!taskId.isEmpty()) {
            boolean changed = "RUNNING".equals(status) ? runningTasks.add(taskId) : runningTasks.remove(taskId);
            if (changed) {
                notifier.setRunningTasks(runningTasks.size());
            }
        }
        if ("FAILED".equals(status)) {
            notifier.notify(new Notification(Notification.Kind.TASK_FAILED, "Task failed",
                    text(p, "title", "A task") + " failed" + (p.hasNonNull("error") ? ": " + p.get("error").asText() : ".")));
        }
    }

    private void onBudget(JsonNode p) {
        double percent = p.path("thresholdPercent").asDouble(0);
        String scope = text(p, "period", "");
        String what = scope.isEmpty() ? "The budget" : "The " + scope + " budget";
        if (percent >= 100) {
            notifier.notify(new Notification(Notification.Kind.BUDGET_EXHAUSTED, "Budget used up",
                    what + " is used up; paid calls stop until it resets or is raised."));
        } else if (percent >= 80) {
            notifier.notify(new Notification(Notification.Kind.BUDGET_WARNING, "Budget at " + Math.round(percent) + " %",
                    what + " is " + Math.round(percent) + " % used."));
        }
    }

    /** How many tasks the events say are running now. */
    public int runningTasks() {
        return runningTasks.size();
    }

    private static String text(JsonNode p, String field, String dflt) {
        String s = p.path(field).asText("");
        return s.isBlank() ? dflt : s;
    }
}
