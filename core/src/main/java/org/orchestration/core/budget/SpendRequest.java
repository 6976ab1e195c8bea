package org.orchestration.core.budget;

/** What a caller wants to reserve. {@code projectId} may be null for spend outside projects. */
public record SpendRequest(String userId, String projectId, long amountMicros) {

    public SpendRequest {
        if (amountMicros < 0) {
            throw new IllegalArgumentException("amountMicros must not be negative");
        }
    }
}
