package org.orchestration.core.events;

import java.time.Instant;

/**
 * An event as the log holds it: {@code id} is the {@code events} table's autoincrement id (the
 * SSE event id and {@code Last-Event-ID}), {@code at} the time it was published.
 */
public record StoredEvent(long id, Instant at, EngineEvent event) {

    /** The event's project, or null for a global event. */
    public String projectId() {
        return event.projectId();
    }
}
