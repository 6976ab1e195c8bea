package org.orchestration.core.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /** As a JSON-ready map for events and the API. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("up", up);
        m.put("latencyMs", latencyMs);
        m.put("version", version);
        m.put("lastError", lastError);
        m.put("checkedAt", checkedAt.toString());
        return m;
    }
}
