package org.orchestration.core.execution;

import java.util.List;
import org.orchestration.core.model.TaskStatus;

/**
 * A task of a running (or finished) project, as the run view lists it.
 *
 * @param dependsOn ids of the tasks it waits on
 */
public record RunTask(String id, String title, TaskStatus status, List<String> dependsOn,
                      long inputTokens, long outputTokens, long costMicros) {

    public RunTask {
        dependsOn = List.copyOf(dependsOn);
    }

    public RunTask withStatus(TaskStatus s) {
        return new RunTask(id, title, s, dependsOn, inputTokens, outputTokens, costMicros);
    }

    public RunTask withUsage(long in, long out, long cost) {
        return new RunTask(id, title, status, dependsOn, in, out, cost);
    }
}
