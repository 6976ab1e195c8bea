package org.orchestration.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@code /api/openapi.json} (OpenAPI 3.1) from the route table, so the document cannot drift
 * from the server: request bodies come from the same {@link BodySchema} that parses them, response
 * bodies from the Java types the routes answer with, read by {@link WireSchemas} through the wire mapper.
 */
final class OpenApiDocument {

    static final String VERSION = "3.1.0";
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");
    private static final String SCHEMAS = "#/components/schemas/";

    private OpenApiDocument() {
    }

    static ObjectNode build(List<Route> routes) {
        ObjectNode doc = ApiJson.mapper().createObjectNode();
        doc.put("openapi", VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "Orchestration Engine API");
        info.put("version", "1");
        info.put("description", "Loopback-only API. Errors are {\"detail\": \"...\"} (validation errors add \"field\", "
                + "the snake_case name of the field or parameter).");
        ObjectNode paths = doc.putObject("paths");
        WireSchemas wire = new WireSchemas(ApiJson.mapper());
        Map<String, BodySchema> requestSchemas = new TreeMap<>();
        for (Route route : routes) {
            ObjectNode pathItem = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            pathItem.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, wire));
            if (route.requestSchema() != null) {
                requestSchemas.put(route.requestSchema().name(), route.requestSchema());
            }
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode security = components.putObject("securitySchemes");
        security.putObject("bearer").put("type", "http").put("scheme", "bearer")
                .put("description", "Access JWT or personal API key");
        security.putObject("sseToken").put("type", "apiKey").put("in", "query").put("name", "token")
                .put("description", "Short-lived SSE token from POST /api/events/{project_id}/token");
        Map<String, ObjectNode> all = new TreeMap<>(wire.components());
        requestSchemas.forEach((name, body) -> {
            if (all.put(name, body.openApi()) != null) {
                throw new IllegalStateException("Request body " + name + " has the name of a response type");
            }
        });
        all.put("Error", errorSchema());
        components.putObject("schemas").setAll(all);
        return doc;
    }

    private static ObjectNode errorSchema() {
        ObjectNode schema = ApiJson.mapper().createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("detail").put("type", "string");
        properties.putObject("field").put("type", "string").put("description", "The snake_case name of the field at fault");
        schema.putArray("required").add("detail");
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode operation(Route route, WireSchemas wire) {
        ObjectNode op = ApiJson.mapper().createObjectNode();
        op.put("summary", route.summary());
        op.put("operationId", operationId(route));
        ArrayNode security = op.putArray("security");
        switch (route.auth()) {
            case BEARER -> security.addObject().putArray("bearer");
            case SSE_TOKEN -> security.addObject().putArray("sseToken");
            case NONE -> { }
        }
        op.put("x-auth", route.auth().name());
        if (route.rateLimit() != RateLimitPolicy.NONE) {
            op.put("x-rate-limit", route.rateLimit().name());
        }
        Matcher m = PATH_PARAM.matcher(route.path());
        ArrayNode params = null;
        while (m.find()) {
            if (params == null) {
                params = op.putArray("parameters");
            }
            params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        if (route.requestSchema() != null) {
            op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", SCHEMAS + route.requestSchema().name());
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(route.successStatus()));
        ok.put("description", route.successStatus() == 204 ? "No content" : "Success");
        if (route.response() != null) {
            ObjectNode schema = wire.schemaOf(route.response().type());
            if (route.response().list()) {
                ObjectNode array = ApiJson.mapper().createObjectNode().put("type", "array");
                array.set("items", schema);
                schema = array;
            }
            ok.putObject("content").putObject("application/json").set("schema", schema);
        } else if (route.auth() == AuthRequirement.SSE_TOKEN) {
            ok.putObject("content").putObject("text/event-stream").putObject("schema").put("type", "string");
        }
        responses.putObject("default").put("description", "Error").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", SCHEMAS + "Error");
        return op;
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        for (String part : route.path().replace("/api/", "").split("[/._{}-]+")) {
            if (!part.isEmpty()) {
                id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return id.toString();
    }
}
