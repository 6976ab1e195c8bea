package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Plans ({@code core.planning.Planner} + {@code Decomposer} behind the project service). */
public interface PlanApi {

    /** Starts (or runs) plan generation for the project; returns the plan or the project's new state. */
    Object generatePlan(User actor, String projectId);

    /** The latest plan of the project. @throws org.orchestration.core.errors.NotFoundException when none */
    Object getPlan(User actor, String projectId);

    /** Approves the DRAFT plan and decomposes it into tasks. @throws org.orchestration.core.errors.ConflictException when no draft */
    Object approvePlan(User actor, String projectId);
}
