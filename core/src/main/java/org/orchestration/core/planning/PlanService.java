package org.orchestration.core.planning;

import java.util.List;
import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.projects.ProjectService;

/** Reading and approving plans for the UI and the API; every method checks owner-or-admin through the project. */
public final class PlanService {

    private final PlanStore store;
    private final ProjectService projects;
    private final CostForecast forecast;
    private final Decomposer decomposer;

    public PlanService(Database db, ProjectService projects, CostForecast forecast, Decomposer decomposer) {
        this.store = new PlanStore(db);
        this.projects = projects;
        this.forecast = forecast;
        this.decomposer = decomposer;
    }

    /**
     * @throws org.orchestration.core.errors.NotFoundException  when the plan does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller may not see it
     */
    public Plan get(User actor, String planId) {
        return store.require(actor, planId);
    }

    /** Every plan of the project, newest version first. */
    public List<Plan> list(User actor, String projectId) {
        projects.get(actor, projectId);
        return store.listForProject(projectId);
    }

    /** The plan the user should look at: the newest DRAFT, else the newest APPROVED one. */
    public Optional<Plan> current(User actor, String projectId) {
        List<Plan> plans = list(actor, projectId);
        return plans.stream().filter(p -> p.status() == PlanStatus.DRAFT).findFirst()
                .or(() -> plans.stream().filter(p -> p.status() == PlanStatus.APPROVED).findFirst());
    }

    /**
     * The {@link #current} plan with its cost forecast.
     *
     * @throws NotFoundException when the project has no plan yet (or does not exist)
     */
    public PlanWithForecast currentWithForecast(User actor, String projectId) {
        Plan plan = current(actor, projectId)
                .orElseThrow(() -> new NotFoundException("This project has no plan yet; generate one first."));
        return withForecast(plan);
    }

    /**
     * Approves the project's current DRAFT plan and decomposes it into tasks ({@link Decomposer#approve},
     * which checks the states again under its lock); answers the approved plan with its forecast.
     *
     * @throws ConflictException when the project has no draft plan
     */
    public PlanWithForecast approveCurrent(User actor, String projectId) {
        Plan current = current(actor, projectId)
                .orElseThrow(() -> new ConflictException("This project has no draft plan to approve; generate one first."));
        if (current.status() != PlanStatus.DRAFT) {
            throw new ConflictException("This project has no draft plan to approve (its current plan is " + current.status() + ").");
        }
        return withForecast(decomposer.approve(actor, current.id()).plan());
    }

    private PlanWithForecast withForecast(Plan p) {
        return new PlanWithForecast(p.id(), p.projectId(), p.version(), p.status(), p.body(), p.warnings(), p.provider(), p.model(),
                p.createdAt(), p.updatedAt(), p.approvedAt(), forecast.forecast(p.body()));
    }
}
