package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Spend and limits ({@code core.budget.UsageService} / {@code BudgetManager}). */
public interface UsageApi {

    /** Totals for the actor, or for one project (ownership checked) when {@code projectId} is not null. */
    Object usageSummary(User actor, String projectId);

    Object usageByProject(User actor);

    /** Limits and current spend; any user may read. */
    Object getBudget(User actor);

    /** Changes limits; admin only (the service checks). */
    Object updateBudget(User actor, BudgetUpdate request);
}
