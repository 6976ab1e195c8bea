package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Running a project ({@code core.execution.Executor}); state rules live in the executor. */
public interface ExecutionApi {

    Object execute(User actor, String projectId);

    Object pause(User actor, String projectId);

    Object cancel(User actor, String projectId);
}
