package org.orchestration.core.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds {@code /api/openapi.json} from the route table, so the document cannot drift from the server. */
final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");

    private OpenApiDocument() {
    }

    static ObjectNode build(List<Route> routes) {
        ObjectNode doc = ApiJson.mapper().createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Orchestration Engine API");
        info.put("version", "1");
        info.put("description", "Loopback-only API. Errors are {\"detail\": \"...\"} (validation errors add \"field\").");
        ObjectNode paths = doc.putObject("paths");
        TreeSet<String> schemaNames = new TreeSet<>();
        Map<String, BodySchema> requestSchemas = new TreeMap<>();
        schemaNames.add("Error");
        for (Route route : routes) {
            ObjectNode pathItem = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            pathItem.set(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemaNames));
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
        ObjectNode schemas = components.putObject("schemas");
        requestSchemas.forEach((name, body) -> schemas.set(name, body.openApi()));
        for (String name : schemaNames) {
            if (requestSchemas.containsKey(name)) {
                continue;
            }
            ObjectNode schema = schemas.putObject(name).put("type", "object");
            if (name.equals("Error")) {
                ObjectNode properties = schema.putObject("properties");
                properties.putObject("detail").put("type", "string");
                properties.putObject("field").put("type", "string");
                schema.putArray("required").add("detail");
            }
        }
        return doc;
    }

    private static ObjectNode operation(Route route, TreeSet<String> schemaNames) {
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
            schemaNames.add(route.requestSchema().name());
            op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .putObject("schema").put("$ref", "#/components/schemas/" + route.requestSchema().name());
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject(Integer.toString(route.successStatus()));
        ok.put("description", route.successStatus() == 204 ? "No content" : "Success");
        if (route.responseSchema() != null) {
            schemaNames.add(route.responseSchema());
            ok.putObject("content").putObject("application/json").putObject("schema")
                    .put("$ref", "#/components/schemas/" + route.responseSchema());
        } else if (route.auth() == AuthRequirement.SSE_TOKEN) {
            ok.putObject("content").putObject("text/event-stream").putObject("schema").put("type", "string");
        }
        responses.putObject("default").put("description", "Error").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/Error");
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
