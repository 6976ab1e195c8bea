package org.orchestration.core.execution;

import java.time.Instant;

/**
 * One line of a project's run log ({@link RunLog}).
 *
 * @param level  info, warn or error
 * @param taskId the task it is about, or null
 */
public record LogLine(Instant at, String level, String taskId, String message) {
}
