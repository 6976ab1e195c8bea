package org.orchestration.ui.port;

import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.planning.TaskEdit;

/** Plans: generate from the saved requirements, review, edit, approve. */
public interface PlanningPort {

    /** The newest non-superseded plan of the project, if any. */
    Optional<PlanWithForecast> currentPlan(User actor, String projectId);

    /** Generates a draft plan (slow: calls a model). Stops early when {@code cancel} is cancelled. */
    PlanWithForecast generate(User actor, String projectId, CancellationToken cancel);

    /**
     * Changes one task of a DRAFT plan.
     *
     * @param taskIndex the task's 0-based position
     * @throws org.orchestration.core.errors.ValidationException naming the field
     */
    PlanWithForecast editTask(User actor, String planId, int taskIndex, TaskEdit edit);

    /** Approves a DRAFT plan: the project becomes READY with its task graph. */
    PlanWithForecast approve(User actor, String planId);
}
