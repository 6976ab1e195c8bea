package org.orchestration.core.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.Set;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.Bounds;

/** What a route handler sees: the authenticated user (when the route needs one), parameters, body. */
public final class ApiRequest {

    private final Context ctx;
    private final User user;
    private final long maxBodyBytes;
    private JsonBody body;

    ApiRequest(Context ctx, User user, long maxBodyBytes) {
        this.ctx = ctx;
        this.user = user;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The authenticated caller; routes with {@link AuthRequirement#NONE} have none. */
    public User user() {
        if (user == null) {
            throw new UnauthorizedException("Sign in first.");
        }
        return user;
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null when absent or blank. */
    public String queryParam(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** A query parameter that must be present, within the bounds and free of control characters (NUL, line breaks). */
    public String requiredQuery(String name, int minLength, int maxLength) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw new ValidationException(name, name + " is required");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException(name, name + " must not contain control characters (such as %00)");
        }
        return Bounds.length(name, value, minLength, maxLength);
    }

    public int intQuery(String name, int dflt, int min, int max) {
        String value = queryParam(name);
        if (value == null) {
            return dflt;
        }
        try {
            return (int) Bounds.range(name, Long.parseLong(value.trim()), min, max);
        } catch (NumberFormatException e) {
            throw new ValidationException(name, name + " must be a whole number");
        }
    }

    public String header(String name) {
        return ctx.header(name);
    }

    /**
     * The JSON body, parsed once, straight from the request stream (never buffered whole).
     *
     * @throws ApiRefusedException 415 when a body is sent without a JSON media type, 413 when it
     *                             grows past the limit
     */
    public JsonBody body() {
        if (body == null) {
            if (!hasBody()) {
                body = JsonBody.parse(new byte[0]);
                return body;
            }
            if (!MediaTypes.isJson(ctx.contentType())) {
                // Also keeps simple cross-site form posts (text/plain, form-encoded) out.
                throw new ApiRefusedException(415, "Send the body as JSON with Content-Type: application/json "
                        + "(optionally ; charset=utf-8).");
            }
            try {
                body = JsonBody.parse(ctx.req().getInputStream(), maxBodyBytes);
            } catch (IOException e) {
                throw new ValidationException("body", "The request body could not be read.");
            }
        }
        return body;
    }

    /**
     * Refuses a body on a route that reads none, so a client that thinks it is sending options
     * learns they are not read instead of silently losing them. A POST command may carry an empty
     * object ({@code {}}), which clients that always send JSON do; GET and DELETE take no body at all.
     *
     * @throws ValidationException naming {@code body}, or the first field of a POST command's object
     */
    void requireNoBody() {
        if (!hasBody()) {
            return;
        }
        if (ctx.method() == HandlerType.POST) {
            body().allowOnly(Set.of());
            return;
        }
        throw new ValidationException("body", ctx.method() + " " + ctx.path() + " takes no request body; send none.");
    }

    /** From the headers alone, so nothing is read: a Content-Length above 0 or a chunked body. */
    private boolean hasBody() {
        return ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    }

    Context context() {
        return ctx;
    }
}
