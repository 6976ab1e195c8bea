package org.orchestration.ui.engine;

import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.usage.UsageService;
import org.orchestration.ui.port.ProjectDetail;
import org.orchestration.ui.port.ProjectSummary;
import org.orchestration.ui.port.ProjectsPort;

/** {@link ProjectsPort} on {@link ProjectService}; spend comes from the usage log. */
final class ProjectsAdapter implements ProjectsPort {

    private final ProjectService projects;
    private final UsageService usage;

    ProjectsAdapter(ProjectService projects, UsageService usage) {
        this.projects = projects;
        this.usage = usage;
    }

    @Override
    public List<ProjectSummary> list(User actor) {
        return projects.list(actor).stream()
                .map(p -> new ProjectSummary(p.id(), p.name(), p.status(), p.taskCounts().getOrDefault(TaskStatus.COMPLETED, 0),
                        p.totalTasks(), p.spentMicros(), p.budgetLimitMicros() == null ? 0 : p.budgetLimitMicros(),
                        p.lastActivity() != null ? p.lastActivity() : p.createdAt()))
                .toList();
    }

    @Override
    public ProjectDetail get(User actor, String projectId) {
        return detail(actor, projects.get(actor, projectId));
    }

    /** Creates a project with empty requirements (and the default project budget, which the service applies). */
    @Override
    public ProjectDetail create(User actor, String name) {
        return detail(actor, projects.create(actor, name, ""));
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

    private ProjectDetail detail(User actor, Project p) {
        return new ProjectDetail(p.id(), p.name(), p.status(), p.requirements() == null ? "" : p.requirements(),
                spent(usage, actor, p.id()), p.budgetLimitMicros() == null ? 0 : p.budgetLimitMicros(), projects.maxRequirementsChars());
    }

    /** All-time spend of one project, from the usage log. */
    static long spent(UsageService usage, User actor, String projectId) {
        Long total = usage.summary(actor, projectId).projectTotalMicros();
        return total == null ? 0 : total;
    }
}
