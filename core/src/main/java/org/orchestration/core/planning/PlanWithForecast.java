package org.orchestration.core.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orchestration.core.model.PlanStatus;

/** A plan as the window and the API show it: the stored plan (without the model's raw reply) and its cost forecast. */
public record PlanWithForecast(String id, String projectId, int version, PlanStatus status, PlanDocument body,
                               List<PlanWarning> warnings, String provider, String model, Instant createdAt,
                               Instant updatedAt, Instant approvedAt, CostForecast.Forecast forecast) {

    /** The plan and its forecast, the forecast computed from the plan's body by the caller. */
    public static PlanWithForecast of(Plan p, CostForecast.Forecast forecast) {
        return new PlanWithForecast(p.id(), p.projectId(), p.version(), p.status(), p.body(), p.warnings(), p.provider(),
                p.model(), p.createdAt(), p.updatedAt(), p.approvedAt(), forecast);
    }

    /**
     * The plan's tasks as the review shows them, each with its forecast range, the model it will
     * run on and the tasks it waits on ({@link DependencyGraph}'s resolution, the one the
     * decomposer uses: unusable references are left out and named in the warnings).
     */
    public List<PlannedTask> plannedTasks() {
        List<PlanTask> tasks = body.tasks();
        List<List<Integer>> deps = DependencyGraph.resolve(tasks).deps();
        List<PlannedTask> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            PlanTask t = tasks.get(i);
            CostForecast.TaskCost cost = forecast.tasks().get(i);
            out.add(new PlannedTask(i, t.title(), t.description() == null ? "" : t.description(), t.taskType(), t.complexity(),
                    cost.model(), deps.get(i), cost.lowMicros(), cost.highMicros()));
        }
        return out;
    }

    /** The dependency warnings' sentences, then one saying how many tasks use a model without a price. */
    public List<String> warningMessages() {
        List<String> out = new ArrayList<>(warnings.stream().map(PlanWarning::message).toList());
        if (forecast.unpricedTasks() > 0) {
            out.add(forecast.unpricedTasks() + " task(s) use a model without a price: they cannot run until a price is set in Settings.");
        }
        return out;
    }
}
