package org.orchestration.core.planning;

import java.time.Instant;
import java.util.List;
import org.orchestration.core.model.PlanStatus;

/**
 * A stored plan: its body (as edited), the model's raw reply, the dependency warnings and who
 * made it. {@code approvedAt} is null until approved.
 */
public record Plan(String id, String projectId, int version, PlanStatus status, PlanDocument body, String rawReply,
                   List<PlanWarning> warnings, String provider, String model, Instant createdAt, Instant updatedAt,
                   Instant approvedAt) {

    public Plan {
        warnings = List.copyOf(warnings);
    }
}
