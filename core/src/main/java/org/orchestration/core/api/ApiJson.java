package org.orchestration.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestration.core.json.Json;

/**
 * JSON on the wire: the engine's shared mapper with snake_case property names, so a service
 * record {@code TokenPair(accessToken, ...)} is sent as {@code {"access_token": ...}}. Map keys
 * (and event payloads) are written as they are.
 */
final class ApiJson {

    private static final ObjectMapper WIRE = Json.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ApiJson() {
    }

    static ObjectMapper mapper() {
        return WIRE;
    }

    static byte[] bytes(Object value) {
        try {
            return WIRE.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response of type " + value.getClass().getName() + " cannot be written as JSON", e);
        }
    }

    /** Set on every response this API writes itself, so Javalin's own error pages can be told apart. */
    static final String WRITTEN = "orchestration.api.written";

    static void write(Context ctx, int status, Object value) {
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(bytes(value));
    }

    /** The one error shape: {@code {"detail": "..."}} plus {@code "field"} for validation errors. */
    static void writeError(Context ctx, int status, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        write(ctx, status, body);
    }
}
