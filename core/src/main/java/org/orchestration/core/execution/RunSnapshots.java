package org.orchestration.core.execution;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;

/**
 * The run view's read model ({@link RunSnapshot}): the project's state, its tasks with their
 * dependencies and usage, its spend and budget, and the newest lines of its run log, told from
 * the stored events by {@link RunLog}. Access: owner or admin of the project.
 */
public final class RunSnapshots {

    /** Log lines a snapshot carries (the newest ones). */
    public static final int RECENT_LOG_LINES = 200;

    private final ProjectService projects;
    private final TaskService tasks;
    private final ProgressBus events;

    public RunSnapshots(ProjectService projects, TaskService tasks, ProgressBus events) {
        this.projects = projects;
        this.tasks = tasks;
        this.events = events;
    }

    /**
     * @throws org.orchestration.core.errors.NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither owner nor admin
     */
    public RunSnapshot snapshot(User actor, String projectId) {
        Project project = projects.get(actor, projectId);
        Map<String, List<String>> dependsOn = tasks.dependencies(actor, projectId);
        List<RunTask> rows = tasks.list(actor, projectId).stream()
                .sorted(Comparator.comparingInt(TaskView::seq))
                .map(t -> new RunTask(t.id(), t.title(), t.status(), dependsOn.getOrDefault(t.id(), List.of()),
                        t.inputTokens(), t.outputTokens(), t.costMicros()))
                .toList();
        Map<String, String> titles = new HashMap<>();
        rows.forEach(r -> titles.put(r.id(), r.title()));
        List<LogLine> log = events.replay(actor, projectId, 0, ProgressBus.MAX_REPLAY).stream()
                .flatMap(e -> RunLog.logLine(e, titles::get).stream())
                .toList();
        if (log.size() > RECENT_LOG_LINES) {
            log = log.subList(log.size() - RECENT_LOG_LINES, log.size());
        }
        return new RunSnapshot(project.status(), rows, projects.spentMicros(actor, projectId),
                project.budgetLimitMicros() == null ? 0 : project.budgetLimitMicros(), log);
    }
}
