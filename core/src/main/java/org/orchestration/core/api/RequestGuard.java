package org.orchestration.core.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs before every request: the DNS-rebinding defence (Host must name the loopback address and
 * our port), CORS (exact origins from settings only; preflights answered here) and the body size
 * limit taken from Content-Length. Refusals are thrown so the one error handler writes them.
 */
final class RequestGuard {

    static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> HEADERS = Set.of("authorization", "content-type");

    private final Set<String> corsOrigins;
    private final long maxBodyBytes;
    private volatile Set<String> allowedHosts = Set.of();

    RequestGuard(List<String> corsOrigins, long maxBodyBytes) {
        this.corsOrigins = Set.copyOf(corsOrigins);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Called once the ports are bound. */
    void allowPorts(Set<Integer> ports) {
        allowedHosts = ports.stream()
                .flatMap(p -> List.of("127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    void check(Context ctx) {
        checkHost(ctx);
        checkEscapes(ctx);
        if (checkCors(ctx)) {
            return;
        }
        checkBodySize(ctx);
    }

    private void checkHost(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new ApiRefusedException(421, "This API answers only requests addressed to 127.0.0.1, localhost or [::1] "
                    + "with its port in the Host header.");
        }
    }

    /**
     * Jetty lets the legacy {@code %uXXXX} form through, which the path decoder then fails on
     * (a 500 before this check): refused here, on the raw path and query, with the reason.
     */
    private static void checkEscapes(Context ctx) {
        if (hasMalformedEscape(ctx.req().getRequestURI())) {
            throw new ApiRefusedException(400, MALFORMED_PATH_ESCAPE);
        }
        if (hasMalformedEscape(ctx.req().getQueryString())) {
            throw new ApiRefusedException(400, "The query string has a malformed percent-escape: use %XX with two "
                    + "hexadecimal digits (%uXXXX is not supported).");
        }
    }

    static final String MALFORMED_PATH_ESCAPE = "The request path has a malformed percent-escape: use %XX with two "
            + "hexadecimal digits (%uXXXX is not supported).";

    /** True when some {@code %} in {@code raw} is not followed by two hexadecimal digits. */
    static boolean hasMalformedEscape(String raw) {
        if (raw == null) {
            return false;
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                return true;
            }
        }
        return false;
    }

    /** @return true when the request was a preflight and has been answered */
    private boolean checkCors(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        if (!corsOrigins.contains(origin)) {
            throw new ApiRefusedException(403, "Cross-origin requests from this origin are not allowed "
                    + "(add it to the API's CORS origins in Settings).");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        String requestedMethod = ctx.header("Access-Control-Request-Method");
        if (ctx.method() != HandlerType.OPTIONS || requestedMethod == null) {
            return false;
        }
        if (!METHODS.contains(requestedMethod.trim().toUpperCase(Locale.ROOT))) {
            throw new ApiRefusedException(403, "Cross-origin method not allowed; allowed: " + ALLOWED_METHODS + ".");
        }
        String requestedHeaders = ctx.header("Access-Control-Request-Headers");
        if (requestedHeaders != null && !requestedHeaders.isBlank()
                && !Arrays.stream(requestedHeaders.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).allMatch(HEADERS::contains)) {
            throw new ApiRefusedException(403, "Cross-origin header not allowed; allowed: " + ALLOWED_HEADERS + ".");
        }
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        ctx.skipRemainingHandlers();
        return true;
    }

    private void checkBodySize(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new ApiRefusedException(413, "The request body is larger than " + maxBodyBytes + " bytes.");
        }
    }
}
