package org.orchestration.core.events;

/**
 * Appends an event to the log and pushes it to in-process subscribers. Inside a transaction the
 * row joins it and subscribers are told only after commit.
 */
public interface EventPublisher {

    /** Stores and delivers {@code event}; returns it with its log id and time. */
    StoredEvent publish(EngineEvent event);
}
