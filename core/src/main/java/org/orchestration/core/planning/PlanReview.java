package org.orchestration.core.planning;

import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;

/**
 * Plan review as the window offers it: generate a plan from the saved requirements, look at it
 * with its cost forecast, edit its tasks, approve it. Every answer is the plan with its forecast
 * ({@link PlanWithForecast}, the record the API answers with too). Access is checked by the
 * services it calls: owner or admin of the plan's project.
 */
public final class PlanReview {

    private final PlanService plans;
    private final Planner planner;
    private final PlanEditor editor;
    private final Decomposer decomposer;
    private final CostForecast forecast;

    public PlanReview(PlanService plans, Planner planner, PlanEditor editor, Decomposer decomposer, CostForecast forecast) {
        this.plans = plans;
        this.planner = planner;
        this.editor = editor;
        this.decomposer = decomposer;
        this.forecast = forecast;
    }

    /**
     * The project's current plan ({@link PlanService#current}: newest DRAFT, else newest APPROVED), if any.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller may not see it
     */
    public Optional<PlanWithForecast> current(User actor, String projectId) {
        return plans.current(actor, projectId).map(this::withForecast);
    }

    /**
     * Generates a draft plan ({@link Planner#generatePlan}; slow: calls a model), stopping early
     * when {@code cancel} is cancelled.
     */
    public PlanWithForecast generate(User actor, String projectId, CancellationToken cancel) {
        return withForecast(planner.generatePlan(actor, projectId, cancel));
    }

    /**
     * Edits one task of a DRAFT plan ({@link PlanEditor#editTask}).
     *
     * @param task the task's 0-based position
     */
    public PlanWithForecast editTask(User actor, String planId, int task, TaskEdit edit) {
        return withForecast(editor.editTask(actor, planId, task, edit));
    }

    /** Approves a DRAFT plan ({@link Decomposer#approve}): the project becomes READY with its task graph. */
    public PlanWithForecast approve(User actor, String planId) {
        return withForecast(decomposer.approve(actor, planId).plan());
    }

    private PlanWithForecast withForecast(Plan plan) {
        return PlanWithForecast.of(plan, forecast.forecast(plan.body()));
    }
}
