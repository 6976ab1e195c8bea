package org.orchestration.app.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.Event;
import org.orchestration.core.json.Json;

class TrayEventsTest {

    private final RecordingTrayNotifier tray = new RecordingTrayNotifier();
    private final TrayEvents events = new TrayEvents(tray);
    private long nextId = 1;

    private Event event(String type, Map<String, ?> payload) {
        return new Event(nextId++, "p1", type, Json.mapper().valueToTree(payload), Instant.EPOCH);
    }

    @Test
    void aFailedTaskNotifiesWithItsTitleAndError() {
        events.onEvent(event("task.status", Map.of("taskId", "t1", "status", "FAILED", "title", "Write tests", "error", "timeout")));

        assertThat(tray.notifications).singleElement()
                .isEqualTo(new Notification(Notification.Kind.TASK_FAILED, "Task failed", "Write tests failed: timeout"));
    }

    @Test
    void runningTasksAreCountedFromTaskStatusEvents() {
        events.onEvent(event("task.status", Map.of("taskId", "t1", "status", "RUNNING")));
        events.onEvent(event("task.status", Map.of("taskId", "t2", "status", "RUNNING")));
        events.onEvent(event("task.status", Map.of("taskId", "t1", "status", "COMPLETED")));

        assertThat(tray.runningTasks).isEqualTo(1);
        assertThat(events.runningTasks()).isEqualTo(1);
        assertThat(tray.notifications).isEmpty();
    }

    @Test
    void aCompletedProjectNotifiesButOtherProjectStatusesDoNot() {
        events.onEvent(event("project.status", Map.of("status", "RUNNING", "name", "Site")));
        events.onEvent(event("project.status", Map.of("status", "COMPLETED", "name", "Site")));

        assertThat(tray.notifications).extracting(Notification::kind).containsExactly(Notification.Kind.PROJECT_COMPLETED);
        assertThat(tray.notifications.get(0).message()).isEqualTo("Site has finished.");
    }

    @Test
    void aReadyPlanNotifiesForReview() {
        events.onEvent(event("plan.ready", Map.of("name", "Site")));

        assertThat(tray.notifications).extracting(Notification::kind).containsExactly(Notification.Kind.PLAN_READY);
    }

    @Test
    void budgetWarningsAt80AndAt100PercentAreDifferentNotifications() {
        events.onEvent(event("budget.warning", Map.of("thresholdPercent", 80, "period", "daily")));
        events.onEvent(event("budget.warning", Map.of("thresholdPercent", 100, "period", "daily")));

        assertThat(tray.notifications).extracting(Notification::kind)
                .containsExactly(Notification.Kind.BUDGET_WARNING, Notification.Kind.BUDGET_EXHAUSTED);
        assertThat(tray.notifications.get(0).title()).isEqualTo("Budget at 80 %");
        assertThat(tray.notifications.get(1).message()).startsWith("The daily budget is used up");
    }

    @Test
    void otherEventTypesAreIgnored() {
        events.onEvent(event("task.tokens", Map.of("taskId", "t1", "tokens", 12)));

        assertThat(tray.notifications).isEmpty();
    }

    @Test
    void theInAppAreaKeepsTheNewestNotificationsAndTellsListeners() {
        InAppNotificationArea area = new InAppNotificationArea();
        List<Notification> seen = new ArrayList<>();
        area.addListener(seen::add);
        TrayEvents toArea = new TrayEvents(area);

        for (int i = 0; i < InAppNotificationArea.KEEP + 5; i++) {
            toArea.onEvent(event("plan.ready", Map.of("name", "P" + i)));
        }

        assertThat(area.recent()).hasSize(InAppNotificationArea.KEEP);
        assertThat(area.recent().get(InAppNotificationArea.KEEP - 1).message()).contains("P" + (InAppNotificationArea.KEEP + 4));
        assertThat(seen).hasSize(InAppNotificationArea.KEEP + 5);
        assertThat(area.hasTrayIcon()).isFalse();
    }
}
