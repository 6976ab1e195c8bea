package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.model.TaskStatus;

/** A task of a running (or finished) project, as the run view lists it. */
public record TaskRow(String id, String title, TaskStatus status, List<String> dependsOn,
                      long inputTokens, long outputTokens, long costMicros) {

    public TaskRow {
        dependsOn = List.copyOf(dependsOn);
    }

    public TaskRow withStatus(TaskStatus s) {
        return new TaskRow(id, title, s, dependsOn, inputTokens, outputTokens, costMicros);
    }

    public TaskRow withUsage(long in, long out, long cost) {
        return new TaskRow(id, title, status, dependsOn, in, out, cost);
    }
}
