package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Tasks ({@code core.tasks.TaskService}); access follows the owning project. */
public interface TaskApi {

    Object listTasks(User actor, String projectId);

    Object getTask(User actor, String taskId);

    Object updateTask(User actor, String taskId, TaskUpdate request);

    /** @throws org.orchestration.core.errors.ValidationException when the retry limit is reached */
    Object retryTask(User actor, String taskId);
}
