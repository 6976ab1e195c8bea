package org.orchestration.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.StoredEvent;

/** An {@link EventPublisher} that keeps every event in memory for assertions. */
public final class RecordingEvents implements EventPublisher {

    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public StoredEvent publish(EngineEvent event) {
        StoredEvent e = new StoredEvent(ids.incrementAndGet(), Instant.now(), event);
        events.add(e);
        return e;
    }

    /** The events of one kind, in the order they were published. */
    public <T extends EngineEvent> List<T> ofType(Class<T> kind) {
        return events.stream().map(StoredEvent::event).filter(kind::isInstance).map(kind::cast).toList();
    }
}
