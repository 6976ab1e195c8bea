package org.orchestration.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Something that happened, as stored in the {@code events} table. {@code id} is the table's
 * autoincrement id (the SSE event id); {@code projectId} is null for global events (budget,
 * services).
 */
public record Event(long id, String projectId, String type, ObjectNode payload, Instant at) {
}
