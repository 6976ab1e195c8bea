package org.orchestration.core.api;

import io.javalin.http.Context;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;

/** What a route handler sees: the authenticated user (when the route needs one), parameters, body. */
public final class ApiRequest {

    private final Context ctx;
    private final User user;
    private JsonBody body;

    ApiRequest(Context ctx, User user) {
        this.ctx = ctx;
        this.user = user;
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

    public String requiredQuery(String name, int minLength, int maxLength) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw new ValidationException(name, name + " is required");
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

    /** The JSON body, parsed once. */
    public JsonBody body() {
        if (body == null) {
            byte[] bytes = ctx.bodyAsBytes();
            if (bytes.length > 0 && !isJson(ctx.contentType())) {
                // Also keeps simple cross-site form posts (text/plain, form-encoded) out.
                throw new ApiRefusedException(415, "Send the body as JSON with Content-Type: application/json.");
            }
            body = JsonBody.parse(bytes);
        }
        return body;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).trim().startsWith("application/json");
    }

    Context context() {
        return ctx;
    }
}
