package org.orchestration.ui.port;

import org.orchestration.core.events.StoredEvent;

/**
 * What the run view hears live: the engine's events as the bus delivers them, and the project's
 * spend after each provider call (read from the usage log, which no engine event carries).
 */
public sealed interface LiveEvent {

    /** An engine event; a {@code TaskProgress} here carries the task's totals (see {@link EventsPort}). */
    record Engine(StoredEvent stored) implements LiveEvent {
    }

    /** The project's spend now. */
    record Spend(String projectId, long spentMicros) implements LiveEvent {
    }
}
