package org.orchestration.core.errors;

/**
 * Base of every error a service reports on purpose. Each subclass carries the HTTP status the
 * loopback API answers with; the desktop UI shows {@link #getMessage()} as a sentence the user
 * can act on. Messages never contain stack traces, secrets or SQL.
 */
public abstract class AppException extends RuntimeException {

    protected AppException(String message) {
        super(message);
    }

    protected AppException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status this error maps to in the API. */
    public abstract int status();
}
