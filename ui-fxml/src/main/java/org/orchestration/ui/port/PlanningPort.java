package org.orchestration.ui.port;

import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;

/** Plans: generate from the saved requirements, review, edit, approve. */
public interface PlanningPort {

    /** The newest non-superseded plan of the project, if any. */
    Optional<PlanView> currentPlan(User actor, String projectId);

    /** Generates a draft plan (slow: calls a model). Stops early when {@code cancel} is cancelled. */
    PlanView generate(User actor, String projectId, CancellationToken cancel);

    /** Changes one task of a DRAFT plan; @throws org.orchestration.core.errors.ValidationException naming the field */
    PlanView editTask(User actor, String planId, String taskKey, TaskEdit edit);

    /** Approves a DRAFT plan: the project becomes READY with its task graph. */
    void approve(User actor, String planId);
}
