package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.model.PlanStatus;

/** A plan with its tasks and the decomposer's warnings (e.g. "task 4 has no description"). */
public record PlanView(String id, PlanStatus status, String summary, List<PlannedTask> tasks, List<String> warnings) {

    public PlanView {
        tasks = List.copyOf(tasks);
        warnings = List.copyOf(warnings);
    }

    public long totalLowMicros() {
        return tasks.stream().mapToLong(PlannedTask::costLowMicros).sum();
    }

    public long totalHighMicros() {
        return tasks.stream().mapToLong(PlannedTask::costHighMicros).sum();
    }
}
