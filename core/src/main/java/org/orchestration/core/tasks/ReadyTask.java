package org.orchestration.core.tasks;

import java.util.Comparator;

/** A task that may run, as the ready queue orders it: priority descending, then plan order. */
public record ReadyTask(String projectId, String taskId, int priority, int seq) {

    public static final Comparator<ReadyTask> ORDER = Comparator.comparingInt(ReadyTask::priority).reversed()
            .thenComparingInt(ReadyTask::seq).thenComparing(ReadyTask::taskId);
}
