package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.events.Event;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.json.Json;

/** An {@link EventPublisher} that keeps every event in memory for assertions. */
public final class RecordingEvents implements EventPublisher {

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Event publish(String projectId, String type, Map<String, ?> payload) {
        ObjectNode node = Json.mapper().valueToTree(payload);
        Event e = new Event(ids.incrementAndGet(), projectId, type, node, Instant.now());
        events.add(e);
        return e;
    }

    public List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
