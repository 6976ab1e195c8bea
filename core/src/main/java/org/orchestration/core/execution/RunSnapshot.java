package org.orchestration.core.execution;

import java.util.List;
import org.orchestration.core.model.ProjectStatus;

/**
 * Everything the run view shows of a project at one moment; live events then update it.
 *
 * @param tasks        in plan order
 * @param spentMicros  the project's all-time spend
 * @param budgetMicros its own budget limit, 0 when it has none
 * @param recentLog    the newest lines of its run log, oldest first
 */
public record RunSnapshot(ProjectStatus status, List<RunTask> tasks, long spentMicros, long budgetMicros,
                          List<LogLine> recentLog) {

    public RunSnapshot {
        tasks = List.copyOf(tasks);
        recentLog = List.copyOf(recentLog);
    }
}
