package org.orchestration.core.execution;

import java.util.List;
import org.orchestration.core.tasks.ReadyTask;

/**
 * What one attempt leaves for dispatch to do once its slot is freed: queue the tasks it made
 * ready, schedule a retry, or park the task until budget is freed.
 *
 * @param nowReady   dependents that became PENDING when the task completed
 * @param retryAt    when to try the task again (epoch millis), or null
 * @param budgetWait the task waits for budget
 * @param handedOver the completion was handed to the group committer and the slot already
 *                   freed; dispatch settles it when the commit is seen
 */
record AttemptOutcome(List<ReadyTask> nowReady, Long retryAt, boolean budgetWait, boolean handedOver) {

    static final AttemptOutcome NOTHING = new AttemptOutcome(List.of(), null, false, false);
    static final AttemptOutcome HANDED_OVER = new AttemptOutcome(List.of(), null, false, true);
    static final AttemptOutcome BUDGET_WAIT = new AttemptOutcome(List.of(), null, true, false);

    AttemptOutcome {
        nowReady = List.copyOf(nowReady);
    }

    static AttemptOutcome ready(List<ReadyTask> nowReady) {
        return new AttemptOutcome(nowReady, null, false, false);
    }

    static AttemptOutcome retryAt(long epochMillis) {
        return new AttemptOutcome(List.of(), epochMillis, false, false);
    }
}
