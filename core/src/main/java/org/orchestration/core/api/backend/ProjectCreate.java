package org.orchestration.core.api.backend;

/**
 * {@code POST /api/projects}: name 1..200, requirements at most 50,000 characters ("" when absent),
 * budget limit in micro-dollars or null for none.
 */
public record ProjectCreate(String name, String requirements, Long budgetLimitMicros) {
}
