package org.orchestration.ui.engine;

import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.projects.ProjectDetail;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.usage.UsageService;
import org.orchestration.ui.port.ProjectsPort;

/** {@link ProjectsPort} on {@link ProjectService}. */
final class ProjectsAdapter implements ProjectsPort {

    private final ProjectService projects;

    ProjectsAdapter(ProjectService projects) {
        this.projects = projects;
    }

    @Override
    public List<ProjectSummary> list(User actor) {
        return projects.list(actor);
    }

    @Override
    public ProjectDetail get(User actor, String projectId) {
        return projects.detail(actor, projectId);
    }

    /** Creates a project with empty requirements (and the default project budget, which the service applies). */
    @Override
    public ProjectDetail create(User actor, String name) {
        return projects.detail(actor, projects.create(actor, name, "").id());
    }

    @Override
    public void rename(User actor, String projectId, String newName) {
        projects.update(actor, projectId, ProjectPatch.name(newName));
    }

    @Override
    public void delete(User actor, String projectId) {
        projects.delete(actor, projectId);
    }

    @Override
    public void saveRequirements(User actor, String projectId, String requirements) {
        projects.update(actor, projectId, ProjectPatch.requirements(requirements));
    }

    /** All-time spend of one project, from the usage log (the live events' spend; see {@link EventsAdapter}). */
    static long spent(UsageService usage, User actor, String projectId) {
        Long total = usage.summary(actor, projectId).projectTotalMicros();
        return total == null ? 0 : total;
    }
}
