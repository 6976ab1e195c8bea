package org.orchestration.core.api;

import java.util.Objects;

/**
 * One row of the route table: everything the server, the auth filter, the rate limiter and the
 * OpenAPI document need to know about an endpoint.
 *
 * @param path           Javalin path with {@code {param}} placeholders
 * @param requestSchema  the JSON body the route reads (parsing and OpenAPI), or null when it takes none
 * @param response       the Java type of the JSON answer (its schema is derived from it), or null for 204 / a stream
 * @param successStatus  200, 201, 202 or 204
 */
public record Route(ApiMethod method, String path, AuthRequirement auth, RateLimitPolicy rateLimit,
                   int successStatus, BodySchema requestSchema, ResponseBody response, String summary,
                   RouteHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
    }

    /** "GET /api/projects/{id}" — how tests and logs name a route. */
    public String key() {
        return method + " " + path;
    }
}
