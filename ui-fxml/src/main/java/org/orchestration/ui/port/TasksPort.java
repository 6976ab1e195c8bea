package org.orchestration.ui.port;

import org.orchestration.core.auth.User;
import org.orchestration.core.execution.TaskReport;

/** One task's details and the Retry command. */
public interface TasksPort {

    /** @throws org.orchestration.core.errors.NotFoundException when missing or not visible */
    TaskReport task(User actor, String taskId);

    /** @throws org.orchestration.core.errors.ConflictException when the task cannot be retried */
    void retry(User actor, String taskId);
}
