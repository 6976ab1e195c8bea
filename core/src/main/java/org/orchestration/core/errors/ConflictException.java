package org.orchestration.core.errors;

/** The resource is in a state that does not allow the operation; the message names the state. */
public class ConflictException extends AppException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 409;
    }
}
