package org.orchestration.ui.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ModelRouting;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.PlanTask;
import org.orchestration.core.planning.PlanWarning;
import org.orchestration.core.planning.Planner;
import org.orchestration.ui.port.PlanView;
import org.orchestration.ui.port.PlannedTask;
import org.orchestration.ui.port.PlanningPort;
import org.orchestration.ui.port.TaskEdit;

/**
 * {@link PlanningPort} on the planning services. A planned task's key is its 1-based position in
 * the plan ("1", "2", ...); {@code dependsOn} uses the same keys. The cost range of each task is
 * {@link CostForecast}'s.
 */
final class PlanningAdapter implements PlanningPort {

    private final PlanService plans;
    private final Planner planner;
    private final PlanEditor editor;
    private final Decomposer decomposer;
    private final CostForecast forecast;
    private final ModelRouting routing;

    PlanningAdapter(PlanService plans, Planner planner, PlanEditor editor, Decomposer decomposer, CostForecast forecast,
                    ModelRouting routing) {
        this.plans = plans;
        this.planner = planner;
        this.editor = editor;
        this.decomposer = decomposer;
        this.forecast = forecast;
        this.routing = routing;
    }

    @Override
    public Optional<PlanView> currentPlan(User actor, String projectId) {
        return plans.current(actor, projectId).map(this::view);
    }

    @Override
    public PlanView generate(User actor, String projectId, CancellationToken cancel) {
        return view(planner.generatePlan(actor, projectId, cancel));
    }

    @Override
    public PlanView editTask(User actor, String planId, String taskKey, TaskEdit edit) {
        Plan plan = plans.get(actor, planId);
        int index = index(taskKey, plan.body().tasks().size());
        PlanTask task = plan.body().tasks().get(index);
        if (edit.title() != null && !edit.title().equals(task.title())) {
            plan = editor.renameTask(actor, planId, index, edit.title());
        }
        if (edit.description() != null && !edit.description().equals(task.description())) {
            plan = editor.setDescription(actor, planId, index, edit.description());
        }
        if (edit.complexity() != null && !edit.complexity().equals(task.complexity())) {
            plan = editor.setComplexity(actor, planId, index, edit.complexity());
        }
        return view(plan);
    }

    @Override
    public void approve(User actor, String planId) {
        decomposer.approve(actor, planId);
    }

    private static int index(String taskKey, int size) {
        try {
            int n = Integer.parseInt(taskKey == null ? "" : taskKey.strip());
            if (n >= 1 && n <= size) {
                return n - 1;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException("taskKey", "The plan has no task " + taskKey + ".");
    }

    PlanView view(Plan plan) {
        List<PlanTask> tasks = plan.body().tasks();
        Map<Integer, CostForecast.TaskCost> costs = new HashMap<>();
        forecast.forecast(plan.body()).tasks().forEach(c -> costs.put(c.index(), c));
        List<PlannedTask> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            PlanTask t = tasks.get(i);
            CostForecast.TaskCost cost = costs.get(i);
            List<String> deps = new ArrayList<>();
            for (JsonNode d : t.dependsOn()) {
                if (d.canConvertToInt() && d.isIntegralNumber() && d.asInt() >= 0 && d.asInt() < tasks.size() && d.asInt() != i) {
                    String key = String.valueOf(d.asInt() + 1);
                    if (!deps.contains(key)) {
                        deps.add(key);
                    }
                }
            }
            String model = cost != null ? cost.model() : t.route(routing).model();
            out.add(new PlannedTask(String.valueOf(i + 1), t.title(), t.description() == null ? "" : t.description(),
                    t.taskType(), t.complexity(), model, deps, cost == null ? 0 : cost.lowMicros(), cost == null ? 0 : cost.highMicros()));
        }
        List<String> warnings = new ArrayList<>(plan.warnings().stream().map(PlanWarning::message).toList());
        long unpriced = costs.values().stream().filter(c -> !c.priced()).count();
        if (unpriced > 0) {
            warnings.add(unpriced + " task(s) use a model without a price: they cannot run until a price is set in Settings.");
        }
        return new PlanView(plan.id(), plan.status(), plan.body().summary(), out, warnings);
    }
}
