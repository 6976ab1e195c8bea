package org.orchestration.ui.port;

import java.time.Instant;

/**
 * One attempt at running a task. {@code endedAt} is null while it runs (or when the engine
 * stopped without recording an end); {@code outcome} is display text ("completed", "failed",
 * "failed, retried automatically", "interrupted", "cancelled", "running"); {@code error} is null
 * when there is none.
 */
public record AttemptView(int number, Instant startedAt, Instant endedAt, String outcome, String error) {
}
