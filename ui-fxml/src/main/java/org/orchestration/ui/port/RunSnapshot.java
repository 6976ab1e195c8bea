package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.model.ProjectStatus;

/** Everything the run view shows at one moment; live events then update it. */
public record RunSnapshot(ProjectStatus status, List<TaskRow> tasks, long spentMicros, long budgetMicros,
                          List<LogLine> recentLog) {

    public RunSnapshot {
        tasks = List.copyOf(tasks);
        recentLog = List.copyOf(recentLog);
    }
}
