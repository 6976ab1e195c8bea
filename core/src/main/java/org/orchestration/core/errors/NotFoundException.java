package org.orchestration.core.errors;

/** A row the caller asked for does not exist (or is not visible to them). */
public class NotFoundException extends AppException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 404;
    }
}
