package org.orchestration.core.projects;

import java.time.Instant;
import java.util.List;
import org.orchestration.core.model.ProjectStatus;

/**
 * A project row.
 *
 * @param budgetLimitMicros per-project limit, or null for none
 * @param planningError     why the last planning attempt failed, or null
 * @param planningRawReply  the model's unusable reply kept for the user to see, or null
 * @param tags              the project's tags ({@link org.orchestration.core.model.Bounds#tags}), in the order given
 */
public record Project(String id, String ownerId, String name, String requirements, ProjectStatus status,
                      Long budgetLimitMicros, String planningError, String planningRawReply, String statusReason,
                      Instant createdAt, Instant updatedAt, List<String> tags) {

    public Project {
        tags = List.copyOf(tags);
    }
}
