package org.orchestration.core.budget;

import java.time.Instant;

/** A held amount, returned by {@link SpendGate#reserve}. */
public record Reservation(String id, String projectId, long amountMicros, Instant at) {
}
