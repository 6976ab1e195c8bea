package org.orchestration.bench.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.StoredEvent;

/** Counts events and drops them, for scenarios that do not measure events. */
public final class NoopEvents implements EventPublisher {

    private final AtomicLong ids = new AtomicLong();

    @Override
    public StoredEvent publish(EngineEvent event) {
        return new StoredEvent(ids.incrementAndGet(), Instant.now(), event);
    }
}
