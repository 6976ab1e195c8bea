package org.orchestration.core.api.backend;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code PATCH /api/settings}: null = unchanged. Bounds checked: concurrency 1..64, retries 0..100.
 * {@code modelRouting} and {@code prices} are JSON objects the settings service validates.
 */
public record SettingsUpdate(Integer concurrency, Integer maxTaskRetries, Integer maxAutoRetries,
                             JsonNode modelRouting, JsonNode prices) {
}
