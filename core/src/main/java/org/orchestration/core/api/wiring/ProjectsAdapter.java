package org.orchestration.core.api.wiring;

import org.orchestration.core.api.backend.ExecutionApi;
import org.orchestration.core.api.backend.ProjectApi;
import org.orchestration.core.api.backend.ProjectCreate;
import org.orchestration.core.api.backend.ProjectUpdate;
import org.orchestration.core.api.backend.TaskApi;
import org.orchestration.core.api.backend.TaskUpdate;
import org.orchestration.core.auth.User;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskPatch;
import org.orchestration.core.tasks.TaskService;

/**
 * Projects, their execution and their tasks: {@link ProjectService}, {@link Executor} and
 * {@link TaskService}. Commands answer with the project or task as it is afterwards.
 */
final class ProjectsAdapter implements ProjectApi, ExecutionApi, TaskApi {

    private final ProjectService projects;
    private final TaskService tasks;
    private final Executor executor;

    ProjectsAdapter(ProjectService projects, TaskService tasks, Executor executor) {
        this.projects = projects;
        this.tasks = tasks;
        this.executor = executor;
    }

    // ---- ProjectApi

    @Override
    public Object listProjects(User actor) {
        return projects.list(actor);
    }

    @Override
    public Object createProject(User actor, ProjectCreate request) {
        return projects.create(actor, request.name(), request.requirements() == null ? "" : request.requirements(),
                request.budgetLimitMicros());
    }

    @Override
    public Object getProject(User actor, String projectId) {
        return projects.get(actor, projectId);
    }

    @Override
    public Object updateProject(User actor, String projectId, ProjectUpdate request) {
        return projects.update(actor, projectId, new ProjectPatch(request.name(), request.requirements(),
                request.budgetLimitMicros(), request.clearBudgetLimit()));
    }

    @Override
    public void deleteProject(User actor, String projectId) {
        projects.delete(actor, projectId);
    }

    // ---- ExecutionApi

    /** Starts a READY project or resumes a PAUSED one (the executor decides which). */
    @Override
    public Object execute(User actor, String projectId) {
        executor.start(actor, projectId);
        return projects.get(actor, projectId);
    }

    @Override
    public Object pause(User actor, String projectId) {
        executor.pause(actor, projectId);
        return projects.get(actor, projectId);
    }

    @Override
    public Object cancel(User actor, String projectId) {
        executor.cancel(actor, projectId);
        return projects.get(actor, projectId);
    }

    // ---- TaskApi

    @Override
    public Object listTasks(User actor, String projectId) {
        return tasks.list(actor, projectId);
    }

    @Override
    public Object getTask(User actor, String taskId) {
        return tasks.get(actor, taskId);
    }

    @Override
    public Object updateTask(User actor, String taskId, TaskUpdate request) {
        return tasks.update(actor, taskId, new TaskPatch(request.title(), request.description(), request.priority(),
                request.maxTokens(), request.model()));
    }

    @Override
    public Object retryTask(User actor, String taskId) {
        executor.retryTask(actor, taskId);
        return tasks.get(actor, taskId);
    }
}
