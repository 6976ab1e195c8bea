package org.orchestration.core.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.errors.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception handler (seed 4.7): service exceptions become their status with
 * {@code {"detail": message}}; anything unexpected is logged here and answered with a bare
 * "Internal error" so no stack trace, SQL or class name ever reaches a client.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private static final PropertyNamingStrategies.NamingBase WIRE_NAMES =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final Pattern JAVA_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private final long maxBodyBytes;

    ApiErrors(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(Exception e, Context ctx) {
        if (e instanceof AppException app) {
            handleApp(app, ctx);
        } else if (e instanceof HttpResponseException http) {
            handleJavalin(http, ctx);
        } else if (jettyRefusal(e) instanceof HttpException jetty && jetty.getCode() < 500) {
            // Jetty refused the request while a handler read its body (a malformed chunk, a body cut short).
            LOG.debug("Request body refused by Jetty on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ApiJson.writeError(ctx, jetty.getCode(), jetty.getCode() == 400
                    ? "The request body could not be read: malformed chunked encoding or the body ended early."
                    : JsonErrorPage.detail(jetty.getCode(), null), "body");
        } else {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            ApiJson.writeError(ctx, 500, "Internal error", null);
        }
    }

    private void handleApp(AppException e, Context ctx) {
        int status = e.status();
        if (status >= 500 && status != 503) { // 503 is a refusal at capacity (stream limit), not a fault
            LOG.error("Server error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        String field = null;
        if (e instanceof ValidationException v) {
            // Services name fields as Java does (displayName); a client sees the wire name (display_name).
            field = v.field().map(ApiErrors::wireName).orElse(null);
        }
        if (e instanceof RateLimitedException limited) {
            ctx.header("Retry-After", Long.toString(Math.max(1, limited.retryAfterSeconds())));
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ApiJson.writeError(ctx, status, e.getMessage(), field);
    }

    /** {@code displayName} -> {@code display_name}; header names ({@code Last-Event-ID}) and wire names stay as they are. */
    static String wireName(String field) {
        return JAVA_NAME.matcher(field).matches() ? WIRE_NAMES.translate(field) : field;
    }

    /** Javalin's own refusals (body too large, no such route): our wording, never theirs. */
    private void handleJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String detail = switch (status) {
            case 404 -> notFoundDetail(ctx);
            case 413 -> tooLargeDetail();
            case 400 -> "Bad request.";
            case 405 -> "Method not allowed.";
            default -> HttpStatus.forStatus(status).getMessage();
        };
        if (status >= 500) {
            LOG.error("Server error on {} {}: status {}", ctx.method(), ctx.path(), status, e);
        }
        ApiJson.writeError(ctx, status, detail, null);
    }

    /**
     * Error pages Javalin produces on its own (no matching route, body over the limit while
     * reading, ...) bypass the exception handler; this rewrites them into our shape.
     */
    void rewriteJavalinError(Context ctx) {
        if (ctx.attribute(ApiJson.WRITTEN) != null) {
            return;
        }
        handleJavalin(new HttpResponseException(ctx.statusCode()), ctx);
    }

    /** The Jetty protocol exception in {@code e}'s cause chain, or null. */
    private static Throwable jettyRefusal(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof HttpException) {
                return t;
            }
        }
        return null;
    }

    String tooLargeDetail() {
        return "The request body is larger than " + maxBodyBytes + " bytes.";
    }

    private static String notFoundDetail(Context ctx) {
        return "No such endpoint: " + ctx.method() + " " + ctx.path();
    }
}
