package org.orchestration.ui.port;

import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.projects.ProjectDetail;
import org.orchestration.core.projects.ProjectSummary;

/** Projects the acting user may see. Errors are {@code core.errors} exceptions with user-facing messages. */
public interface ProjectsPort {

    List<ProjectSummary> list(User actor);

    /** @throws org.orchestration.core.errors.NotFoundException when missing or not visible */
    ProjectDetail get(User actor, String projectId);

    ProjectDetail create(User actor, String name);

    void rename(User actor, String projectId, String newName);

    void delete(User actor, String projectId);

    /** Saves the requirements text (at most 50,000 characters). */
    void saveRequirements(User actor, String projectId, String requirements);
}
