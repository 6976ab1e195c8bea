package org.orchestration.core.errors;

/** No valid credentials: missing, expired, tampered or wrong-type token, or a deactivated user. */
public class UnauthorizedException extends AppException {

    public UnauthorizedException(String message) {
        super(message);
    }

    public UnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 401;
    }
}
