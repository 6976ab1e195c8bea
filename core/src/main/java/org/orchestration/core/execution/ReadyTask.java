package org.orchestration.core.execution;

import java.util.Comparator;

/** A task that may run, as the ready queue orders it: priority descending, then plan order. */
record ReadyTask(String projectId, String taskId, int priority, int seq) {

    static final Comparator<ReadyTask> ORDER = Comparator.comparingInt(ReadyTask::priority).reversed()
            .thenComparingInt(ReadyTask::seq).thenComparing(ReadyTask::taskId);
}
