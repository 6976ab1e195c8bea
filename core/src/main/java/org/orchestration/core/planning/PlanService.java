package org.orchestration.core.planning;

import java.util.List;
import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.projects.ProjectService;

/** Reading plans for the UI and the API; every method checks owner-or-admin through the project. */
public final class PlanService {

    private final PlanStore store;
    private final ProjectService projects;

    public PlanService(Database db, ProjectService projects) {
        this.store = new PlanStore(db);
        this.projects = projects;
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
}
