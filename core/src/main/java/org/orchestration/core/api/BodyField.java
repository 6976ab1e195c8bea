package org.orchestration.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One field of a request body: JSON name, type and bounds. The same value both parses requests
 * ({@link BodySchema#parse}) and describes them in {@code /api/openapi.json}, so the two agree.
 */
record BodyField(String name, Type type, long min, long max, boolean required, String description) {

    enum Type { STRING, INTEGER, USD, OBJECT, STRING_LIST }

    /** A string's max when the request sets no length limit of its own (a service checks it). */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    BodyField(String name, Type type, long min, long max, boolean required) {
        this(name, type, min, max, required, type == Type.USD ? "US dollars" : null);
    }

    /** The same field with {@code text} as its OpenAPI description. */
    BodyField described(String text) {
        return new BodyField(name, type, min, max, required, text);
    }

    static BodyField requiredString(String name, int minLength, int maxLength) {
        return new BodyField(name, Type.STRING, minLength, maxLength, true);
    }

    static BodyField optionalString(String name, int minLength, int maxLength) {
        return new BodyField(name, Type.STRING, minLength, maxLength, false);
    }

    static BodyField optionalInt(String name, int min, int max) {
        return new BodyField(name, Type.INTEGER, min, max, false);
    }

    /** A non-negative amount of US dollars (null allowed: "no limit"); parsed to micro-dollars. */
    static BodyField usd(String name) {
        return new BodyField(name, Type.USD, 0, 1_000_000_000L, false);
    }

    static BodyField object(String name) {
        return new BodyField(name, Type.OBJECT, 0, 0, false);
    }

    /** An optional array of up to {@code maxItems} strings of 1..{@code maxLength} characters each. */
    static BodyField stringList(String name, int maxItems, int maxLength) {
        return new BodyField(name, Type.STRING_LIST, maxItems, maxLength, false);
    }

    /** Reads this field from {@code body}; absent optional fields give null. */
    Object read(JsonBody body) {
        return switch (type) {
            case STRING -> required ? body.requiredString(name, (int) min, (int) max) : body.optionalString(name, (int) min, (int) max);
            case INTEGER -> body.optionalInt(name, (int) min, (int) max);
            case USD -> body.optionalUsdAsMicros(name);
            case OBJECT -> body.optionalObject(name);
            case STRING_LIST -> body.optionalStringList(name, (int) min, (int) max);
        };
    }

    ObjectNode openApi() {
        ObjectNode schema = ApiJson.mapper().createObjectNode();
        switch (type) {
            case STRING -> {
                schema.put("type", "string").put("minLength", min);
                if (max != UNBOUNDED) {
                    schema.put("maxLength", max);
                }
            }
            case INTEGER -> schema.put("type", "integer").put("minimum", min).put("maximum", max);
            case USD -> schema.put("minimum", min).put("maximum", max).putArray("type").add("number").add("null");
            case OBJECT -> schema.put("type", "object");
            case STRING_LIST -> {
                schema.put("type", "array").put("maxItems", min);
                schema.putObject("items").put("type", "string").put("minLength", 1).put("maxLength", max);
            }
        }
        if (description != null) {
            schema.put("description", description);
        }
        return schema;
    }
}
