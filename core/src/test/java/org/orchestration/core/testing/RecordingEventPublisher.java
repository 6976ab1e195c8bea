package org.orchestration.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.StoredEvent;

/** An {@link EventPublisher} that keeps every event in memory, in order. */
public final class RecordingEventPublisher implements EventPublisher {

    private final AtomicLong ids = new AtomicLong();
    public final List<StoredEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public StoredEvent publish(EngineEvent event) {
        StoredEvent e = new StoredEvent(ids.incrementAndGet(), Instant.now(), event);
        events.add(e);
        return e;
    }

    /** The wire names of the events published, in order. */
    public List<String> types() {
        return events.stream().map(e -> EventJson.type(e.event())).toList();
    }
}
