package org.orchestration.ui.engine;

import java.util.function.Consumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.execution.RunLog;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.ui.port.EventsPort;
import org.orchestration.ui.port.LiveEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventsPort} on the {@link ProgressBus}. The bus's {@link TaskProgress} carries one call's
 * tokens; the UI shows a task's totals, so this adapter passes the task's running totals instead
 * and follows each with the project's spend (from the usage log). Status changes of a project
 * are followed by a {@link LogMessage} ({@link RunLog}).
 */
final class EventsAdapter implements EventsPort {

    private static final Logger log = LoggerFactory.getLogger(EventsAdapter.class);

    private final ProgressBus bus;
    private final TaskService tasks;
    private final ProjectService projects;

    EventsAdapter(ProgressBus bus, TaskService tasks, ProjectService projects) {
        this.bus = bus;
        this.tasks = tasks;
        this.projects = projects;
    }

    @Override
    public AutoCloseable subscribe(User actor, String projectId, Consumer<LiveEvent> listener) {
        Consumer<StoredEvent> translated = e -> deliver(actor, e, listener);
        return projectId == null ? bus.subscribeAll(actor, translated) : bus.subscribe(actor, projectId, translated);
    }

    private String title(User actor, String taskId) {
        try {
            return tasks.get(actor, taskId).task().title();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void deliver(User actor, StoredEvent e, Consumer<LiveEvent> listener) {
        if (!(e.event() instanceof TaskProgress p) || e.projectId() == null) {
            listener.accept(new LiveEvent.Engine(e));
            if (e.projectId() != null && !(e.event() instanceof LogMessage)) {
                RunLog.lineFor(e.event(), id -> title(actor, id))
                        .ifPresent(line -> listener.accept(new LiveEvent.Engine(new StoredEvent(e.id(), e.at(), line))));
            }
            return;
        }
        try {
            TaskView t = tasks.get(actor, p.taskId()).task();
            TaskProgress totals = new TaskProgress(p.projectId(), p.taskId(), p.attempt(), p.round(), t.inputTokens(),
                    t.outputTokens(), t.costMicros(), p.totalCostMicros());
            listener.accept(new LiveEvent.Engine(new StoredEvent(e.id(), e.at(), totals)));
            listener.accept(new LiveEvent.Spend(e.projectId(), projects.spentMicros(actor, e.projectId())));
        } catch (RuntimeException ex) {
            log.debug("Could not read the totals for event {}: {}", e.id(), ex.getMessage());
            listener.accept(new LiveEvent.Engine(e));
        }
    }
}
