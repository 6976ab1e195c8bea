package org.orchestration.core.api.backend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code PATCH /api/settings}: null = unchanged. Bounds checked: concurrency 1..64, retries 0..100.
 * {@code modelRouting} and {@code prices} are JSON objects the settings service validates;
 * {@code knowledgeAllowedRoots} replaces the list of folders users may index (admin only, validated there).
 */
public record SettingsUpdate(Integer concurrency, Integer maxTaskRetries, Integer maxAutoRetries,
                             JsonNode modelRouting, JsonNode prices, List<String> knowledgeAllowedRoots) {
}
