package org.orchestration.core.errors;

/** The caller is signed in but may not touch this resource. */
public class ForbiddenException extends AppException {

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 403;
    }
}
