package org.orchestration.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named request body: its fields and whether it is a partial update (then at least one field
 * must be present). Unknown fields are refused so a typo is never silently ignored.
 */
record BodySchema(String name, boolean partialUpdate, List<BodyField> fields) {

    BodySchema {
        fields = List.copyOf(fields);
    }

    static BodySchema of(String name, BodyField... fields) {
        return new BodySchema(name, false, List.of(fields));
    }

    static BodySchema patch(String name, BodyField... fields) {
        return new BodySchema(name, true, List.of(fields));
    }

    Parsed parse(JsonBody body) {
        Set<String> names = fields.stream().map(BodyField::name).collect(Collectors.toSet());
        body.allowOnly(names);
        if (partialUpdate) {
            body.requireAnyOf(names);
        }
        Map<String, Object> values = new HashMap<>();
        for (BodyField field : fields) {
            values.put(field.name(), field.read(body));
        }
        return new Parsed(values, body);
    }

    ObjectNode openApi() {
        ObjectNode schema = ApiJson.mapper().createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = ApiJson.mapper().createArrayNode();
        for (BodyField field : fields) {
            properties.set(field.name(), field.openApi());
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        if (partialUpdate) {
            schema.put("minProperties", 1);
        }
        return schema;
    }

    /** Field values after checking; absent optional fields are null. */
    record Parsed(Map<String, Object> values, JsonBody body) {

        String string(String field) {
            return (String) values.get(field);
        }

        Integer integer(String field) {
            return (Integer) values.get(field);
        }

        Long micros(String field) {
            return (Long) values.get(field);
        }

        JsonNode object(String field) {
            return (JsonNode) values.get(field);
        }

        @SuppressWarnings("unchecked")
        List<String> strings(String field) {
            return (List<String>) values.get(field);
        }

        boolean explicitNull(String field) {
            return body.isExplicitNull(field);
        }
    }
}
