package org.orchestration.core.execution;

import org.orchestration.core.events.StoredEvent;

/**
 * What a run view hears live from {@link RunFeed}: the engine's events as the run shows them, and
 * the project's spend after each provider call (read from the usage log, which no engine event
 * carries).
 */
public sealed interface LiveEvent {

    /** An engine event; a {@code TaskProgress} here carries the task's running totals (see {@link RunFeed}). */
    record Engine(StoredEvent stored) implements LiveEvent {
    }

    /** The project's spend now. */
    record Spend(String projectId, long spentMicros) implements LiveEvent {
    }
}
