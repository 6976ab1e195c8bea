package org.orchestration.core.execution;

import java.util.function.Consumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.Subscription;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One project's run as a run view follows it live, on the {@link ProgressBus}. The bus's
 * {@link TaskProgress} carries one provider call's tokens; a run view shows a task's totals, so
 * the feed passes the task's running totals instead and follows each with the project's spend
 * ({@link LiveEvent.Spend}, from the usage log). Every other event of the project is passed on
 * as it is, followed by its line of the run log ({@link RunLog}) when it has one and is not a
 * {@link LogMessage} already, so the live log reads like the snapshot's.
 */
public final class RunFeed {

    private static final Logger log = LoggerFactory.getLogger(RunFeed.class);

    private final ProgressBus bus;
    private final TaskService tasks;
    private final ProjectService projects;

    public RunFeed(ProgressBus bus, TaskService tasks, ProjectService projects) {
        this.bus = bus;
        this.tasks = tasks;
        this.projects = projects;
    }

    /**
     * Follows one project's run. The listener runs on the subscription's own delivery thread;
     * closing the subscription stops it.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when {@code actor} is neither owner nor admin
     * @throws org.orchestration.core.errors.ConflictException  when the project has the maximum number of live subscribers
     */
    public Subscription follow(User actor, String projectId, Consumer<LiveEvent> listener) {
        return bus.subscribe(actor, projectId, e -> deliver(actor, e, listener));
    }

    private void deliver(User actor, StoredEvent e, Consumer<LiveEvent> listener) {
        if (e.event() instanceof TaskProgress p) {
            deliverTotals(actor, e, p, listener);
            return;
        }
        listener.accept(new LiveEvent.Engine(e));
        if (!(e.event() instanceof LogMessage)) {
            RunLog.lineFor(e.event(), id -> title(actor, id))
                    .ifPresent(line -> listener.accept(new LiveEvent.Engine(new StoredEvent(e.id(), e.at(), line))));
        }
    }

    private void deliverTotals(User actor, StoredEvent e, TaskProgress p, Consumer<LiveEvent> listener) {
        try {
            TaskView t = tasks.get(actor, p.taskId()).task();
            TaskProgress totals = new TaskProgress(p.projectId(), p.taskId(), p.attempt(), p.round(), t.inputTokens(),
                    t.outputTokens(), t.costMicros(), p.totalCostMicros());
            listener.accept(new LiveEvent.Engine(new StoredEvent(e.id(), e.at(), totals)));
            listener.accept(new LiveEvent.Spend(e.projectId(), projects.spentMicros(actor, e.projectId())));
        } catch (RuntimeException ex) {
            // e.g. the task was deleted with its project meanwhile: the call's own figures still tell something
            log.debug("Could not read the totals for event {}: {}", e.id(), ex.getMessage());
            listener.accept(new LiveEvent.Engine(e));
        }
    }

    private String title(User actor, String taskId) {
        try {
            return tasks.get(actor, taskId).task().title();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
