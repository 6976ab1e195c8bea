package org.orchestration.core.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** {@code services.health} (global): the state of an external service changed; every service's state now. */
public record ServicesHealthChanged(List<Service> services) implements EngineEvent {

    public ServicesHealthChanged {
        services = List.copyOf(services);
    }

    @Override
    public String projectId() {
        return null;
    }

    /**
     * One service's state ({@code core.monitor.ServiceHealth} as the event carries it: monitor
     * depends on events, not the reverse). {@code version} and {@code lastError} are written even
     * when null.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(String name, boolean up, long latencyMs, String version, String lastError, Instant checkedAt) {
    }
}
