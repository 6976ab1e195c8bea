package org.orchestration.ui.engine;

import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.planning.PlanReview;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.ui.port.PlanningPort;

/** {@link PlanningPort} on {@link PlanReview}. */
final class PlanningAdapter implements PlanningPort {

    private final PlanReview review;

    PlanningAdapter(PlanReview review) {
        this.review = review;
    }

    @Override
    public Optional<PlanWithForecast> currentPlan(User actor, String projectId) {
        return review.current(actor, projectId);
    }

    @Override
    public PlanWithForecast generate(User actor, String projectId, CancellationToken cancel) {
        return review.generate(actor, projectId, cancel);
    }

    @Override
    public PlanWithForecast editTask(User actor, String planId, int taskIndex, TaskEdit edit) {
        return review.editTask(actor, planId, taskIndex, edit);
    }

    @Override
    public PlanWithForecast approve(User actor, String planId) {
        return review.approve(actor, planId);
    }
}
