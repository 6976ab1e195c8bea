package org.orchestration.app.tray;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestration.core.events.BudgetWarning;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.PlanReady;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

/**
 * Turns engine events into tray notifications and the running-task count. Subscribed to the
 * event bus by the composition root; called on whatever thread publishes (after commit).
 *
 * <ul>
 *   <li>{@link TaskStatusChanged}: FAILED notifies (with the title and error when known);
 *       RUNNING / anything else updates the count</li>
 *   <li>{@link ProjectStatusChanged}: COMPLETED notifies, naming the project when known</li>
 *   <li>{@link PlanReady}: notifies, naming the project</li>
 *   <li>{@link BudgetWarning}: at or over 100 % is "budget used up", else "budget at N %"</li>
 * </ul>
 */
public final class TrayEvents {

    private final TrayNotifier notifier;
    private final Set<String> runningTasks = ConcurrentHashMap.newKeySet();

    public TrayEvents(TrayNotifier notifier) {
        this.notifier = notifier;
    }

    /** Handles one event; other kinds are ignored. */
    public void onEvent(StoredEvent stored) {
        EngineEvent event = stored.event();
        if (event instanceof TaskStatusChanged s) {
            onTaskStatus(s);
        } else if (event instanceof ProjectStatusChanged p && p.status() == ProjectStatus.COMPLETED) {
            notifier.notify(new Notification(Notification.Kind.PROJECT_COMPLETED, "Project completed",
                    text(p.name(), "A project") + " has finished."));
        } else if (event instanceof PlanReady p) {
            notifier.notify(new Notification(Notification.Kind.PLAN_READY, "Plan ready for review",
                    "The plan for " + text(p.name(), "your project") + " is waiting for your approval."));
        } else if (event instanceof BudgetWarning w) {
            onBudget(w);
        }
    }

    private void onTaskStatus(TaskStatusChanged s) {
        if (s.taskId() != null && !s.taskId().isEmpty()) {
            boolean changed = s.status() == TaskStatus.RUNNING ? runningTasks.add(s.taskId()) : runningTasks.remove(s.taskId());
            if (changed) {
                notifier.setRunningTasks(runningTasks.size());
            }
        }
        if (s.status() == TaskStatus.FAILED) {
            notifier.notify(new Notification(Notification.Kind.TASK_FAILED, "Task failed",
                    text(s.title(), "A task") + " failed" + (s.error() != null ? ": " + s.error() : ".")));
        }
    }

    private void onBudget(BudgetWarning w) {
        int percent = w.thresholdPercent();
        String scope = text(w.period(), "");
        String what = scope.isEmpty() ? "The budget" : "The " + scope + " budget";
        if (percent >= 100) {
            notifier.notify(new Notification(Notification.Kind.BUDGET_EXHAUSTED, "Budget used up",
                    what + " is used up; paid calls stop until it resets or is raised."));
        } else if (percent >= 80) {
            notifier.notify(new Notification(Notification.Kind.BUDGET_WARNING, "Budget at " + percent + " %",
                    what + " is " + percent + " % used."));
        }
    }

    /** How many tasks the events say are running now. */
    public int runningTasks() {
        return runningTasks.size();
    }

    private static String text(String s, String dflt) {
        return s == null || s.isBlank() ? dflt : s;
    }
}
