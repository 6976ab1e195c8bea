package org.orchestration.ui.engine;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.usage.UsageService;
import org.orchestration.ui.port.LogLine;
import org.orchestration.ui.port.RunPort;
import org.orchestration.ui.port.RunSnapshot;
import org.orchestration.ui.port.TaskRow;

/** {@link RunPort} on the {@link Executor}; the snapshot reads tasks, spend and the stored log events. */
final class RunAdapter implements RunPort {

    /** Log lines the run view starts with (the newest ones). */
    static final int RECENT_LOG_LINES = 200;

    private final Executor executor;
    private final ProjectService projects;
    private final TaskService tasks;
    private final UsageService usage;
    private final ProgressBus events;

    RunAdapter(Executor executor, ProjectService projects, TaskService tasks, UsageService usage, ProgressBus events) {
        this.executor = executor;
        this.projects = projects;
        this.tasks = tasks;
        this.usage = usage;
        this.events = events;
    }

    @Override
    public RunSnapshot snapshot(User actor, String projectId) {
        Project project = projects.get(actor, projectId);
        List<TaskRow> rows = tasks.list(actor, projectId).stream()
                .sorted(Comparator.comparingInt(TaskView::seq))
                .map(t -> new TaskRow(t.id(), t.title(), t.status(), tasks.get(actor, t.id()).dependsOn(),
                        t.inputTokens(), t.outputTokens(), t.costMicros()))
                .toList();
        Map<String, String> titles = new HashMap<>();
        rows.forEach(r -> titles.put(r.id(), r.title()));
        List<LogLine> log = events.replay(actor, projectId, 0, ProgressBus.MAX_REPLAY).stream()
                .flatMap(e -> RunLog.lineFor(e.event(), titles::get).map(line -> logLine(e, line)).stream())
                .toList();
        if (log.size() > RECENT_LOG_LINES) {
            log = log.subList(log.size() - RECENT_LOG_LINES, log.size());
        }
        return new RunSnapshot(project.status(), rows, ProjectsAdapter.spent(usage, actor, projectId),
                project.budgetLimitMicros() == null ? 0 : project.budgetLimitMicros(), log);
    }

    private static LogLine logLine(StoredEvent e, LogMessage line) {
        return new LogLine(e.at(), line.level() == null ? "info" : line.level(), line.taskId(),
                line.message() == null ? "" : line.message());
    }

    @Override
    public void start(User actor, String projectId) {
        executor.start(actor, projectId);
    }

    @Override
    public void pause(User actor, String projectId) {
        executor.pause(actor, projectId);
    }

    @Override
    public void resume(User actor, String projectId) {
        executor.resume(actor, projectId);
    }

    @Override
    public void cancel(User actor, String projectId) {
        executor.cancel(actor, projectId);
    }
}
