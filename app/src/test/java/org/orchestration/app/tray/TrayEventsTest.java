package org.orchestration.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.BudgetWarning;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.PlanReady;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;

class TrayEventsTest {

    private final RecordingTrayNotifier tray = new RecordingTrayNotifier();
    private final TrayEvents events = new TrayEvents(tray);
    private long nextId = 1;

    private StoredEvent event(EngineEvent e) {
        return new StoredEvent(nextId++, Instant.EPOCH, e);
    }

    private static TaskStatusChanged task(String taskId, TaskStatus status) {
        return TaskStatusChanged.of("p1", taskId, null, status, null);
    }

    private static ProjectStatusChanged project(ProjectStatus status, String name) {
        return new ProjectStatusChanged("p1", status, null, null, name, null, null);
    }

    private static PlanReady planReady(String name) {
        return new PlanReady("p1", "plan1", 1, 1, 0, name);
    }

    private static BudgetWarning budget(int percent, String period) {
        return new BudgetWarning(period, "2025-01-01", percent, 0, 0, "");
    }

    @Test
    void aFailedTaskNotifiesWithItsTitleAndError() {
        events.onEvent(event(new TaskStatusChanged("p1", "t1", "Write tests", TaskStatus.FAILED, null, null, "timeout", null, null, null, null)));

        assertThat(tray.notifications).singleElement()
                .isEqualTo(new Notification(Notification.Kind.TASK_FAILED, "Task failed", "Write tests failed: timeout"));
    }

    @Test
    void runningTasksAreCountedFromTaskStatusEvents() {
        events.onEvent(event(task("t1", TaskStatus.RUNNING)));
        events.onEvent(event(task("t2", TaskStatus.RUNNING)));
        events.onEvent(event(task("t1", TaskStatus.COMPLETED)));

        assertThat(tray.runningTasks).isEqualTo(1);
        assertThat(events.runningTasks()).isEqualTo(1);
        assertThat(tray.notifications).isEmpty();
    }

    @Test
    void aCompletedProjectNotifiesButOtherProjectStatusesDoNot() {
        events.onEvent(event(project(ProjectStatus.RUNNING, "Site")));
        events.onEvent(event(project(ProjectStatus.COMPLETED, "Site")));

        assertThat(tray.notifications).extracting(Notification::kind).containsExactly(Notification.Kind.PROJECT_COMPLETED);
        assertThat(tray.notifications.get(0).message()).isEqualTo("Site has finished.");
    }

    @Test
    void aReadyPlanNotifiesForReview() {
        events.onEvent(event(planReady("Site")));

        assertThat(tray.notifications).extracting(Notification::kind).containsExactly(Notification.Kind.PLAN_READY);
    }

    @Test
    void budgetWarningsAt80AndAt100PercentAreDifferentNotifications() {
        events.onEvent(event(budget(80, "daily")));
        events.onEvent(event(budget(100, "daily")));

        assertThat(tray.notifications).extracting(Notification::kind)
                .containsExactly(Notification.Kind.BUDGET_WARNING, Notification.Kind.BUDGET_EXHAUSTED);
        assertThat(tray.notifications.get(0).title()).isEqualTo("Budget at 80 %");
        assertThat(tray.notifications.get(1).message()).startsWith("The daily budget is used up");
    }

    @Test
    void otherEventTypesAreIgnored() {
        events.onEvent(event(new TaskProgress("p1", "t1", 1, 1, 12, 0, 0, 0)));

        assertThat(tray.notifications).isEmpty();
    }

    @Test
    void theInAppAreaKeepsTheNewestNotificationsAndTellsListeners() {
        InAppNotificationArea area = new InAppNotificationArea();
        List<Notification> seen = new ArrayList<>();
        area.addListener(seen::add);
        TrayEvents toArea = new TrayEvents(area);

        for (int i = 0; i < InAppNotificationArea.KEEP + 5; i++) {
            toArea.onEvent(event(planReady("P" + i)));
        }

        assertThat(area.recent()).hasSize(InAppNotificationArea.KEEP);
        assertThat(area.recent().get(InAppNotificationArea.KEEP - 1).message()).contains("P" + (InAppNotificationArea.KEEP + 4));
        assertThat(seen).hasSize(InAppNotificationArea.KEEP + 5);
        assertThat(area.hasTrayIcon()).isFalse();
    }
}
