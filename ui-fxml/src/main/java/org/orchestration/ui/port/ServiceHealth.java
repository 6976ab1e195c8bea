package org.orchestration.ui.port;

/** Health of one external service. {@code lastError} is null when the last check succeeded. */
public record ServiceHealth(String name, boolean up, long latencyMillis, String lastError) {
}
