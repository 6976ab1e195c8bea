package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.orchestration.core.json.Json;

/** Reading a tool's JSON input and writing input schemas, with messages the model can act on. */
final class ToolInput {

    /** Bad tool input; its message is returned to the model as a tool error. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private ToolInput() {
    }

    static String requiredString(JsonNode input, String field) throws Invalid {
        JsonNode node = input == null ? null : input.get(field);
        if (node == null || node.isNull()) {
            throw new Invalid("The \"" + field + "\" argument is required.");
        }
        if (!node.isTextual()) {
            throw new Invalid("The \"" + field + "\" argument must be a string.");
        }
        return node.asText();
    }

    /** A required string that is not blank. */
    static String requiredText(JsonNode input, String field) throws Invalid {
        String value = requiredString(input, field);
        if (value.isBlank()) {
            throw new Invalid("The \"" + field + "\" argument is empty.");
        }
        return value;
    }

    static String optionalString(JsonNode input, String field) throws Invalid {
        JsonNode node = input == null ? null : input.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Invalid("The \"" + field + "\" argument must be a string.");
        }
        return node.asText();
    }

    static int optionalInt(JsonNode input, String field, int dflt, int min, int max) throws Invalid {
        JsonNode node = input == null ? null : input.get(field);
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.canConvertToInt() || !(node.isIntegralNumber() || node.isTextual() && node.asText().matches("-?\\d{1,9}"))) {
            throw new Invalid("The \"" + field + "\" argument must be a whole number.");
        }
        int v = node.isTextual() ? Integer.parseInt(node.asText()) : node.asInt();
        if (v < min || v > max) {
            throw new Invalid("The \"" + field + "\" argument must be between " + min + " and " + max + ".");
        }
        return v;
    }

    static boolean optionalBoolean(JsonNode input, String field, boolean dflt) throws Invalid {
        JsonNode node = input == null ? null : input.get(field);
        if (node == null || node.isNull()) {
            return dflt;
        }
        if (!node.isBoolean()) {
            throw new Invalid("The \"" + field + "\" argument must be true or false.");
        }
        return node.asBoolean();
    }

    /** An object schema builder: {@code schema().string("path", "...", true)}. */
    static Schema schema() {
        return new Schema();
    }

    static final class Schema {
        private final ObjectNode root = Json.mapper().createObjectNode();
        private final ObjectNode props;

        Schema() {
            root.put("type", "object");
            props = root.putObject("properties");
            root.putArray("required");
        }

        Schema string(String name, String description, boolean required) {
            return prop(name, "string", description, required);
        }

        Schema integer(String name, String description, boolean required) {
            return prop(name, "integer", description, required);
        }

        Schema bool(String name, String description, boolean required) {
            return prop(name, "boolean", description, required);
        }

        private Schema prop(String name, String type, String description, boolean required) {
            ObjectNode p = props.putObject(name);
            p.put("type", type);
            p.put("description", description);
            if (required) {
                root.withArray("required").add(name);
            }
            return this;
        }

        ObjectNode build() {
            root.put("additionalProperties", false);
            return root;
        }
    }
}
