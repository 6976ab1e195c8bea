package org.orchestration.ui.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.Event;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.RunLog;
import org.orchestration.core.json.Json;
import org.orchestration.core.projects.TaskService;
import org.orchestration.core.projects.TaskView;
import org.orchestration.core.usage.UsageService;
import org.orchestration.ui.port.EventsPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventsPort} on the {@link ProgressBus}. The bus's {@code task.tokens} carries one call's
 * tokens; the UI shows a task's totals, so this adapter passes the task's running totals instead
 * and follows each with a {@code project.spend} event (the project's spend from the usage log).
 * Status changes of a project are followed by a {@code log} event ({@link RunLog}).
 */
final class EventsAdapter implements EventsPort {

    private static final Logger log = LoggerFactory.getLogger(EventsAdapter.class);

    private final ProgressBus bus;
    private final TaskService tasks;
    private final UsageService usage;

    EventsAdapter(ProgressBus bus, TaskService tasks, UsageService usage) {
        this.bus = bus;
        this.tasks = tasks;
        this.usage = usage;
    }

    @Override
    public AutoCloseable subscribe(User actor, String projectId, Consumer<Event> listener) {
        Consumer<Event> translated = e -> deliver(actor, e, listener);
        return projectId == null ? bus.subscribeAll(actor, translated) : bus.subscribe(actor, projectId, translated);
    }

    private String title(User actor, String taskId) {
        try {
            return tasks.get(actor, taskId).task().title();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void deliver(User actor, Event e, Consumer<Event> listener) {
        if (!"task.tokens".equals(e.type()) || e.projectId() == null) {
            listener.accept(e);
            if (e.projectId() != null && !"log".equals(e.type())) {
                RunLog.lineFor(e, id -> title(actor, id)).ifPresent(line -> listener.accept(new Event(e.id(), e.projectId(), "log", line, e.at())));
            }
            return;
        }
        try {
            TaskView t = tasks.get(actor, e.payload().path("taskId").asText()).task();
            ObjectNode totals = e.payload().deepCopy();
            totals.put("inputTokens", t.inputTokens());
            totals.put("outputTokens", t.outputTokens());
            totals.put("costMicros", t.costMicros());
            listener.accept(new Event(e.id(), e.projectId(), e.type(), totals, e.at()));
            ObjectNode spend = Json.mapper().createObjectNode();
            spend.put("spentMicros", ProjectsAdapter.spent(usage, actor, e.projectId()));
            listener.accept(new Event(e.id(), e.projectId(), "project.spend", spend, e.at()));
        } catch (RuntimeException ex) {
            log.debug("Could not read the totals for event {}: {}", e.id(), ex.getMessage());
            listener.accept(e);
        }
    }
}
