package org.orchestration.core.execution;

import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskDetail;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.tasks.TaskHistory;

/**
 * The task screen's read model ({@link TaskReport}): the task with its tool calls, attempts,
 * written files and whether Retry is allowed, by the executor's own rule
 * ({@link Executor#retryStanding}). Access follows the owning project (owner or admin).
 */
public final class TaskReports {

    private final TaskService tasks;
    private final ProjectService projects;
    private final Executor executor;
    private final TaskHistory history;

    public TaskReports(TaskService tasks, ProjectService projects, Executor executor, TaskHistory history) {
        this.tasks = tasks;
        this.projects = projects;
        this.executor = executor;
        this.history = history;
    }

    /**
     * @throws org.orchestration.core.errors.NotFoundException  when the task does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller neither owns its project nor is an admin
     */
    public TaskReport report(User actor, String taskId) {
        TaskDetail detail = tasks.get(actor, taskId);
        TaskView t = detail.task();
        String projectName = projects.get(actor, t.projectId()).name();
        RetryStanding retry = executor.retryStanding(actor, taskId);
        List<TaskHistory.Attempt> attempts = history.attempts(actor, taskId);
        return new TaskReport(t.id(), t.projectId(), projectName, t.title(), t.description(), t.status(),
                t.provider() == null ? "" : t.provider(), t.model() == null ? "" : t.model(),
                SimulatedProvider.ID.equals(t.provider()), promptContext(t, detail.dependsOn()),
                t.output() == null ? "" : t.output(), detail.toolCalls(), attempts, retry.maxAttempts(attempts.size()),
                retry.refusal(), files(actor, t), t.inputTokens(), t.outputTokens(), t.costMicros());
    }

    /** The files its write_file calls wrote, located in the project's workspace folder. */
    private List<TaskFile> files(User actor, TaskView t) {
        List<TaskHistory.WrittenFile> files = history.filesWritten(actor, t.id());
        if (files.isEmpty()) {
            return List.of();
        }
        Path workspace = projects.workspace(actor, t.projectId());
        return files.stream().map(f -> new TaskFile(f.path(), workspace.resolve(f.path()).normalize(), f.lastWrittenAt()))
                .toList();
    }

    private static String promptContext(TaskView t, List<String> dependsOn) {
        StringBuilder s = new StringBuilder();
        s.append("Type: ").append(t.taskType()).append(" · complexity: ").append(t.complexity())
                .append(" · max tokens: ").append(t.maxTokens());
        if (!t.tools().isEmpty()) {
            s.append("\nTools: ").append(String.join(", ", t.tools()));
        }
        if (!dependsOn.isEmpty()) {
            s.append("\nReceives the outputs of ").append(dependsOn.size()).append(" earlier task(s).");
        }
        return s.toString();
    }
}
