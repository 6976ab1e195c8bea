package org.orchestration.core.api.wiring;

import java.util.concurrent.Executor;
import org.orchestration.core.api.backend.PlanApi;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.planning.PlanWithForecast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans: generation is claimed on the request thread (so 404/403/409/400 answer at once) and the
 * model call runs on the background executor; the route answers 202 with the project (PLANNING).
 * Clients follow {@code plan.ready} / {@code plan.failed} events or poll the plan or project.
 */
final class PlansAdapter implements PlanApi {

    private static final Logger log = LoggerFactory.getLogger(PlansAdapter.class);

    private final PlanService plans;
    private final Planner planner;
    private final CostForecast forecast;
    private final Decomposer decomposer;
    private final Executor background;

    PlansAdapter(PlanService plans, Planner planner, CostForecast forecast, Decomposer decomposer, Executor background) {
        this.plans = plans;
        this.planner = planner;
        this.forecast = forecast;
        this.decomposer = decomposer;
        this.background = background;
    }

    @Override
    public Object generatePlan(User actor, String projectId) {
        Planner.Started started = planner.startPlan(actor, projectId, new CancellationToken(), background);
        started.plan().whenComplete((plan, error) -> {
            if (error != null) {
                // Already on the project (planning_error) and published as plan.failed.
                log.debug("Planning of project {} ended without a plan: {}", projectId, error.getMessage());
            }
        });
        return started.project();
    }

    @Override
    public Object getPlan(User actor, String projectId) {
        Plan plan = plans.current(actor, projectId)
                .orElseThrow(() -> new NotFoundException("This project has no plan yet; generate one first."));
        return view(plan);
    }

    /** Approves the project's current DRAFT plan (the decomposer checks states and answers 409 otherwise). */
    @Override
    public Object approvePlan(User actor, String projectId) {
        Plan current = plans.current(actor, projectId)
                .orElseThrow(() -> new ConflictException("This project has no draft plan to approve; generate one first."));
        if (current.status() != PlanStatus.DRAFT) {
            throw new ConflictException("This project has no draft plan to approve (its current plan is " + current.status() + ").");
        }
        return view(decomposer.approve(actor, current.id()).plan());
    }

    private PlanWithForecast view(Plan p) {
        return new PlanWithForecast(p.id(), p.projectId(), p.version(), p.status(), p.body(), p.warnings(), p.provider(), p.model(),
                p.createdAt(), p.updatedAt(), p.approvedAt(), forecast.forecast(p.body()));
    }
}
