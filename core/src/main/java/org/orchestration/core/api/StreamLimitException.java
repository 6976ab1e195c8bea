package org.orchestration.core.api;

import org.orchestration.core.errors.AppException;

/** An event stream refused by {@link ApiOptions.StreamLimits}: 429 per user, 503 for the whole server. */
final class StreamLimitException extends AppException {

    private final int status;

    StreamLimitException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
