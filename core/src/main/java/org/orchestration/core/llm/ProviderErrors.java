package org.orchestration.core.llm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.orchestration.core.llm.ProviderException.Kind;

/**
 * The one place where a provider failure becomes a {@link ProviderException}: HTTP statuses,
 * network errors, malformed bodies and cancellation. Every provider uses it, so the executor
 * sees one classification and people read one set of sentences.
 *
 * <p>TRANSIENT: 408, 409, 429 (with retry-after), 529, every other 5xx, timeouts, refused or
 * dropped connections. PERMANENT: 400, 401, 403, 404, 413, 422, other 4xx, and replies that
 * cannot be read.
 */
public final class ProviderErrors {

    /** Status Anthropic uses for "overloaded". */
    public static final int OVERLOADED = 529;

    private ProviderErrors() {
    }

    /**
     * Classifies an HTTP error reply.
     *
     * @param displayName  "Anthropic", "Ollama", ... used in the message
     * @param retryAfter   the raw {@code retry-after} header, or null
     * @param detail       the server's own error message (may be null); appended where it helps
     */
    public static ProviderException fromStatus(String providerId, String displayName, int status, String retryAfter, String detail) {
        Duration wait = parseRetryAfter(retryAfter).orElse(null);
        String suffix = detail == null || detail.isBlank() ? "" : ": " + oneLine(detail);
        return switch (status) {
            case 400 -> permanent(providerId, status, displayName + " rejected the request as invalid" + suffix);
            case 401 -> permanent(providerId, status, displayName + " rejected the API key");
            case 403 -> permanent(providerId, status, displayName + " refused access with this API key" + suffix);
            case 404 -> permanent(providerId, status, displayName + " does not know the requested model or endpoint" + suffix);
            case 413 -> permanent(providerId, status, "The request is too large for " + displayName + suffix);
            case 429 -> transientError(providerId, status, wait, displayName + " rate limit reached; retrying "
                    + (wait == null ? "later" : "in " + wait.toSeconds() + " s"));
            case OVERLOADED -> transientError(providerId, status, wait, displayName + " is overloaded; retrying "
                    + (wait == null ? "later" : "in " + wait.toSeconds() + " s"));
            case 408 -> transientError(providerId, status, wait, displayName + " timed out on its side; retrying later");
            case 409 -> transientError(providerId, status, wait, displayName + " reported a conflict; retrying later");
            default -> {
                if (status >= 500) {
                    yield transientError(providerId, status, wait, displayName + " had a server error (HTTP " + status
                            + "); retrying later" + suffix);
                }
                yield permanent(providerId, status, displayName + " refused the request (HTTP " + status + ")" + suffix);
            }
        };
    }

    /**
     * Classifies a network failure. {@code cancelled} wins over everything: an aborted call is
     * reported as CANCELLED, not as the IOException OkHttp throws for it.
     *
     * @param where the base URL, named in "unreachable" messages so the user can check it
     */
    public static ProviderException fromIo(String providerId, String displayName, String where, Throwable e, boolean cancelled) {
        if (cancelled) {
            return cancelled(providerId, displayName);
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                root = t;
                break;
            }
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new ProviderException(providerId, Kind.TRANSIENT, 0, null,
                    displayName + " is unreachable at " + where + " (connection refused); retrying later", e);
        }
        if (root instanceof UnknownHostException) {
            return new ProviderException(providerId, Kind.TRANSIENT, 0, null,
                    displayName + " is unreachable: the host of " + where + " is unknown; retrying later", e);
        }
        if (root instanceof SocketTimeoutException || root instanceof InterruptedIOException || isTimeoutMessage(e)) {
            return new ProviderException(providerId, Kind.TRANSIENT, 0, null,
                    displayName + " did not answer in time; retrying later", e);
        }
        return new ProviderException(providerId, Kind.TRANSIENT, 0, null,
                displayName + " connection failed (" + oneLine(String.valueOf(e.getMessage())) + "); retrying later", e);
    }

    /** A reply that arrived but cannot be read (not JSON, wrong shape). Retrying would not help. */
    public static ProviderException malformed(String providerId, String displayName, String what, Throwable cause) {
        return new ProviderException(providerId, Kind.PERMANENT, 0, null,
                displayName + " sent a reply that could not be read (" + oneLine(what) + ")", cause);
    }

    public static ProviderException cancelled(String providerId, String displayName) {
        return new ProviderException(providerId, Kind.CANCELLED, 0, null, "The " + displayName + " call was cancelled", null);
    }

    /**
     * Parses {@code retry-after} as whole seconds (what Anthropic and most servers send). HTTP
     * dates and garbage give empty; negative values count as zero.
     */
    public static Optional<Duration> parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return Optional.of(Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isTimeoutMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
            if (t instanceof IOException && "timeout".equalsIgnoreCase(m)) {
                return true;
            }
        }
        return false;
    }

    private static ProviderException permanent(String providerId, int status, String message) {
        return new ProviderException(providerId, Kind.PERMANENT, status, null, message, null);
    }

    private static ProviderException transientError(String providerId, int status, Duration wait, String message) {
        return new ProviderException(providerId, Kind.TRANSIENT, status, wait, message, null);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
