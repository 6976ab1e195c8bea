package org.orchestration.ui.port;

import java.time.Instant;

/** One attempt at running a task; {@code error} is null when it succeeded. */
public record AttemptView(int number, Instant startedAt, String outcome, String error) {
}
