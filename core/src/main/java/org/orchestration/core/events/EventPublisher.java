package org.orchestration.core.events;

import java.util.Map;

/**
 * Appends an event to the log and pushes it to in-process subscribers. Inside a transaction the
 * row joins it and subscribers are told only after commit.
 */
public interface EventPublisher {

    /**
     * @param projectId the project, or null for a global event
     * @param type      e.g. "task.status", "task.tokens", "project.status", "plan.ready", "budget.warning", "log"
     * @param payload   JSON-serialisable values
     */
    Event publish(String projectId, String type, Map<String, ?> payload);
}
