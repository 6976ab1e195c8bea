package org.orchestration.bench.support;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.events.Event;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.json.Json;

/** Counts events and drops them, for scenarios that do not measure events. */
public final class NoopEvents implements EventPublisher {

    private final AtomicLong ids = new AtomicLong();

    @Override
    public Event publish(String projectId, String type, Map<String, ?> payload) {
        return new Event(ids.incrementAndGet(), projectId, type, Json.mapper().valueToTree(payload), Instant.now());
    }
}
