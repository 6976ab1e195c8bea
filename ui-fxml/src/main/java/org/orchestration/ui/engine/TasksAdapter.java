package org.orchestration.ui.engine;

import org.orchestration.core.auth.User;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.execution.TaskReports;
import org.orchestration.ui.port.TasksPort;

/** {@link TasksPort} on {@link TaskReports} and {@link Executor#retryTask}. */
final class TasksAdapter implements TasksPort {

    private final TaskReports reports;
    private final Executor executor;

    TasksAdapter(TaskReports reports, Executor executor) {
        this.reports = reports;
        this.executor = executor;
    }

    @Override
    public TaskReport task(User actor, String taskId) {
        return reports.report(actor, taskId);
    }

    @Override
    public void retry(User actor, String taskId) {
        executor.retryTask(actor, taskId);
    }
}
