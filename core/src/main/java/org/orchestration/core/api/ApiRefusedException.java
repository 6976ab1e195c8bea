package org.orchestration.core.api;

import org.orchestration.core.errors.AppException;

/** A request the server itself turns away (wrong Host, foreign Origin, body too large, unknown route). */
final class ApiRefusedException extends AppException {

    private final int status;

    ApiRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
