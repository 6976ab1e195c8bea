package org.orchestration.ui.port;

import java.time.Instant;
import org.orchestration.core.model.ProjectStatus;

/** One row of the projects dashboard. {@code budgetMicros} is 0 when the project has no own budget. */
public record ProjectSummary(String id, String name, ProjectStatus status, int tasksDone, int tasksTotal,
                             long spentMicros, long budgetMicros, Instant lastActivity) {

    public double progress() {
        return tasksTotal == 0 ? 0 : (double) tasksDone / tasksTotal;
    }
}
