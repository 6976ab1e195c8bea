package org.orchestration.core.events;

/** {@code execution.concurrency} (global): an admin changed the worker pool size. */
public record ConcurrencyChanged(int concurrency) implements EngineEvent {

    @Override
    public String projectId() {
        return null;
    }
}
