package org.orchestration.core.monitor;

import java.time.Instant;
import java.util.Objects;
import org.orchestration.core.events.ServicesHealthChanged;

/**
 * The last health check of one service.
 *
 * @param name      "anthropic", "ollama" or "comfyui" (the provider id where there is one)
 * @param up        reachable and answering (for Anthropic a rejected key still counts as up:
 *                  the server is there, and calls fail with "Anthropic rejected the API key")
 * @param latencyMs round trip of the check, or -1 when no answer came
 * @param version   the version the service reports, or null
 * @param lastError a sentence describing the problem, or null when none
 */
public record ServiceHealth(String name, boolean up, long latencyMs, String version, String lastError, Instant checkedAt) {

    /** The fields that matter to people; latency and time are left out so jitter is no "change". */
    boolean sameStateAs(ServiceHealth other) {
        return other != null && up == other.up && Objects.equals(version, other.version)
                && Objects.equals(lastError, other.lastError);
    }

    /** As the {@code services.health} event carries it. */
    public ServicesHealthChanged.Service asEvent() {
        return new ServicesHealthChanged.Service(name, up, latencyMs, version, lastError, checkedAt);
    }
}
