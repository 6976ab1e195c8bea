package org.orchestration.core.api.backend;

/**
 * {@code PATCH /api/projects/{id}}: a null field means "leave unchanged". At least one field is set.
 * {@code clearBudgetLimit} is true when the client sent {@code "budget_limit_usd": null}.
 */
public record ProjectUpdate(String name, String requirements, Long budgetLimitMicros, boolean clearBudgetLimit) {
}
