package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.ui.port.AttemptView;
import org.orchestration.ui.port.TaskDetail;
import org.orchestration.ui.port.TasksPort;
import org.orchestration.ui.port.ToolCallView;
import org.orchestration.ui.port.WrittenFile;

/**
 * {@link TasksPort} on {@link TaskService} and {@link Executor#retryTask}. The Retry button's
 * reason mirrors the executor's own checks (status, {@value #MAX_TASK_RETRIES_KEY}); the executor
 * still decides.
 */
final class TasksAdapter implements TasksPort {

    static final String MAX_TASK_RETRIES_KEY = "execution.max_task_retries";

    private final TaskService tasks;
    private final ProjectService projects;
    private final Executor executor;
    private final SettingsStore settings;
    private final AppConfig.Execution defaults;
    private final Database db;
    private final TaskHistory history;

    TasksAdapter(TaskService tasks, ProjectService projects, Executor executor, SettingsStore settings,
                 AppConfig.Execution defaults, Database db, TaskHistory history) {
        this.history = history;
        this.tasks = tasks;
        this.projects = projects;
        this.executor = executor;
        this.settings = settings;
        this.defaults = defaults;
        this.db = db;
    }

    @Override
    public TaskDetail task(User actor, String taskId) {
        org.orchestration.core.tasks.TaskDetail detail = tasks.get(actor, taskId);
        TaskView t = detail.task();
        String projectName = projects.get(actor, t.projectId()).name();
        int maxRetries = settings.get(MAX_TASK_RETRIES_KEY, Integer.class, defaults.maxTaskRetries());
        int manualRetries = (int) db.queryLong("SELECT manual_retries FROM tasks WHERE id = ?", t.id());
        String blocked = null;
        if (t.status() != TaskStatus.FAILED && t.status() != TaskStatus.CANCELLED) {
            blocked = "Only a failed or cancelled task can be retried.";
        } else if (manualRetries >= maxRetries) {
            blocked = "Maximum retry limit reached (" + maxRetries + " manual retries, setting " + MAX_TASK_RETRIES_KEY + ").";
        }
        List<AttemptView> attempts = attempts(actor, taskId);
        // attempts per task = the first + automatic retries, plus the manual retries already used;
        // while Retry is allowed there is always one more
        int maxAutoRetries = settings.get(SettingsAdapter.MAX_AUTO_RETRIES, Integer.class, defaults.maxAutoRetries());
        int maxAttempts = 1 + maxAutoRetries + manualRetries;
        if (blocked == null) {
            maxAttempts = Math.max(maxAttempts, attempts.size() + 1);
        }
        List<ToolCallView> calls = detail.toolCalls().stream()
                .map(c -> new ToolCallView(c.toolName(), c.input(), c.result() == null ? "" : c.result(), c.isError()))
                .toList();
        boolean simulated = SimulatedProvider.ID.equals(t.provider());
        return new TaskDetail(t.id(), t.projectId(), projectName, t.title(), t.description(), t.status(),
                t.provider() == null ? "" : t.provider(), t.model() == null ? "" : t.model(), simulated,
                promptContext(t, detail.dependsOn()), t.output() == null ? "" : t.output(), calls, attempts, maxAttempts,
                blocked, files(actor, t), t.inputTokens(), t.outputTokens(), t.costMicros());
    }

    /** Attempts as the engine's task.status events tell them ({@link TaskHistory}), outcomes in words. */
    private List<AttemptView> attempts(User actor, String taskId) {
        return history.attempts(actor, taskId).stream()
                .map(a -> new AttemptView(a.number(), a.startedAt(), a.endedAt(), outcome(a.outcome()), a.error()))
                .toList();
    }

    static String outcome(TaskHistory.Outcome o) {
        return switch (o) {
            case RUNNING -> "running";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case RETRY_SCHEDULED -> "failed, retried automatically";
            case INTERRUPTED -> "interrupted";
            case CANCELLED -> "cancelled";
        };
    }

    /** The files its write_file calls wrote, located in the project's workspace folder. */
    private List<WrittenFile> files(User actor, TaskView t) {
        List<TaskHistory.WrittenFile> files = history.filesWritten(actor, t.id());
        if (files.isEmpty()) {
            return List.of();
        }
        Path workspace = projects.workspace(actor, t.projectId());
        return files.stream().map(f -> new WrittenFile(f.path(), workspace.resolve(f.path()).normalize(), f.lastWrittenAt()))
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

    @Override
    public void retry(User actor, String taskId) {
        executor.retryTask(actor, taskId);
    }
}
