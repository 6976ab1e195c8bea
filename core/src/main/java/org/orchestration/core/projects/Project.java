package org.orchestration.core.projects;

import java.time.Instant;
import org.orchestration.core.model.ProjectStatus;

/**
 * A project row.
 *
 * @param budgetLimitMicros per-project limit, or null for none
 * @param planningError     why the last planning attempt failed, or null
 * @param planningRawReply  the model's unusable reply kept for the user to see, or null
 */
public record Project(String id, String ownerId, String name, String requirements, ProjectStatus status,
                      Long budgetLimitMicros, String planningError, String planningRawReply, String statusReason,
                      Instant createdAt, Instant updatedAt) {
}
