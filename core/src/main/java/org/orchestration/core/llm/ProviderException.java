package org.orchestration.core.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. The one classification the executor uses: TRANSIENT (429 with
 * retry-after, 529 overload, 5xx, timeouts, connection failures) is retried later; PERMANENT
 * (400/401/403/404, malformed replies) fails the task; CANCELLED means the engine aborted it.
 * The message is a readable sentence ("Anthropic rejected the API key"), never a stack trace.
 */
public class ProviderException extends RuntimeException {

    public enum Kind { TRANSIENT, PERMANENT, CANCELLED }

    private final String provider;
    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;

    public ProviderException(String provider, Kind kind, int httpStatus, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ProviderException(String provider, Kind kind, String message) {
        this(provider, kind, 0, null, message, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** HTTP status, or 0 when none (timeouts, connection errors, malformed bodies). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's retry-after hint, if it gave one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
