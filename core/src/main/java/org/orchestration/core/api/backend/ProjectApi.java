package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Projects ({@code core.projects.ProjectService}); ownership is checked by the service. */
public interface ProjectApi {

    /** The actor's projects (an admin sees all). */
    Object listProjects(User actor);

    Object createProject(User actor, ProjectCreate request);

    /** @throws org.orchestration.core.errors.NotFoundException / ForbiddenException */
    Object getProject(User actor, String projectId);

    Object updateProject(User actor, String projectId, ProjectUpdate request);

    void deleteProject(User actor, String projectId);
}
