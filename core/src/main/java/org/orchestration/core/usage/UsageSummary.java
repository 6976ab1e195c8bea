package org.orchestration.core.usage;

import org.orchestration.core.budget.BudgetStatus;

/**
 * Today and this month for what the user may see (or one project), next to the global budget.
 *
 * @param projectId          the project summarised, or null for everything the user may see
 * @param budget             global spend, reservations and limits (the limits apply to everyone's spend together)
 * @param projectLimitMicros the project's own limit, when a project is summarised and has one
 * @param projectTotalMicros all-time spend of the project, when a project is summarised
 */
public record UsageSummary(String projectId, UsageTotals today, UsageTotals month, BudgetStatus budget, Long projectLimitMicros,
                           Long projectTotalMicros) {
}
