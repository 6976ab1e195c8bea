package org.orchestration.bench.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.events.Event;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.json.Json;

/**
 * An in-memory event log with live subscribers (at most {@code maxSubscribers} per project), for
 * measuring the API's stream path on its own. The engine's ProgressBus also writes each event to
 * SQLite; the sse scenario uses that one when it is available.
 */
public final class InMemoryEventLog implements EventPublisher, EventStream {

    private final List<Event> log = new ArrayList<>();
    private final Map<String, CopyOnWriteArrayList<Consumer<Event>>> subscribers = new ConcurrentHashMap<>();
    private final int maxSubscribers;

    public InMemoryEventLog(int maxSubscribers) {
        this.maxSubscribers = maxSubscribers;
    }

    @Override
    public Event publish(String projectId, String type, Map<String, ?> payload) {
        Event event;
        synchronized (log) {
            event = new Event(log.size() + 1L, projectId, type, Json.mapper().valueToTree(payload), Instant.now());
            log.add(event);
        }
        for (Consumer<Event> listener : subscribers.getOrDefault(projectId, new CopyOnWriteArrayList<>())) {
            listener.accept(event);
        }
        return event;
    }

    @Override
    public List<Event> replay(String projectId, long afterEventId) {
        synchronized (log) {
            return log.stream().filter(e -> e.id() > afterEventId && projectId.equals(e.projectId())).toList();
        }
    }

    @Override
    public AutoCloseable subscribe(String projectId, Consumer<Event> listener) {
        CopyOnWriteArrayList<Consumer<Event>> list = subscribers.computeIfAbsent(projectId, p -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            if (list.size() >= maxSubscribers) {
                throw new ConflictException("This project already has " + maxSubscribers + " event subscribers.");
            }
            list.add(listener);
        }
        return () -> list.remove(listener);
    }
}
