package org.orchestration.ui.port;

import java.time.Instant;

/** One line of a project's live log. {@code taskId} may be null. */
public record LogLine(Instant at, String level, String taskId, String message) {
}
