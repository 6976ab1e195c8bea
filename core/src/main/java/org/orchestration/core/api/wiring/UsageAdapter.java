package org.orchestration.core.api.wiring;

import java.time.Clock;
import java.time.LocalDate;
import org.orchestration.core.api.backend.BudgetUpdate;
import org.orchestration.core.api.backend.UsageApi;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetLimits;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.model.Money;
import org.orchestration.core.usage.UsageService;

/** Spend ({@link UsageService}) and the global limits ({@link BudgetManager}). */
final class UsageAdapter implements UsageApi {

    /** {@code GET /api/usage/by-project} covers this many days up to today (UsageService allows 400). */
    static final int BY_PROJECT_DAYS = 365;

    private final UsageService usage;
    private final BudgetManager budget;
    private final Clock clock;

    UsageAdapter(UsageService usage, BudgetManager budget, Clock clock) {
        this.usage = usage;
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public Object usageSummary(User actor, String projectId) {
        return usage.summary(actor, projectId);
    }

    @Override
    public Object usageByProject(User actor) {
        LocalDate today = LocalDate.now(clock);
        return usage.byProject(actor, today.minusDays(BY_PROJECT_DAYS - 1L), today);
    }

    @Override
    public Object getBudget(User actor) {
        return budget.status(actor);
    }

    /** A limit not sent keeps its current value; the budget manager checks admin and amounts. */
    @Override
    public Object updateBudget(User actor, BudgetUpdate request) {
        BudgetLimits now = budget.limits();
        long daily = request.dailyLimitMicros() != null ? request.dailyLimitMicros() : now.dailyMicros();
        long monthly = request.monthlyLimitMicros() != null ? request.monthlyLimitMicros() : now.monthlyMicros();
        budget.setLimits(actor, Money.microsToUsd(daily).doubleValue(), Money.microsToUsd(monthly).doubleValue());
        return budget.status(actor);
    }
}
