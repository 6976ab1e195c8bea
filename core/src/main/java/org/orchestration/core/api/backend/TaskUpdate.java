package org.orchestration.core.api.backend;

/**
 * {@code PATCH /api/tasks/{id}}: a null field means "leave unchanged". Bounds already checked:
 * title 1..500, description at most 10,000, priority 0..100, max_tokens 1..32768.
 */
public record TaskUpdate(String title, String description, Integer priority, Integer maxTokens, String model) {
}
