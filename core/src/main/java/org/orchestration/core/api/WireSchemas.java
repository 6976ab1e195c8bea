package org.orchestration.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON schemas (OpenAPI 3.1 / JSON Schema 2020-12) of the types the routes answer with, read from
 * the wire mapper's own view of each type: its property names (snake_case naming strategy,
 * {@code @JsonProperty}), its inclusion rules and its handling of dates, enums and Optionals. A
 * record component that is renamed, added or removed changes the document with it.
 *
 * <p>Every object type becomes a named component (its simple class name); a type the mapper would
 * write in a way this class does not know fails the build of the document rather than being
 * described wrongly.
 */
final class WireSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<Class<?>> INTEGERS = Set.of(int.class, long.class, short.class, byte.class, Integer.class,
            Long.class, Short.class, Byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class);
    private static final Set<Class<?>> DATE_TIMES = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class,
            LocalDateTime.class);
    private static final Set<JsonInclude.Include> OMITS_NULLS = Set.of(JsonInclude.Include.NON_NULL,
            JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_DEFAULT);

    private final ObjectMapper mapper;
    private final Map<String, ObjectNode> components = new TreeMap<>();
    private final Map<String, Class<?>> owners = new TreeMap<>();

    WireSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The schema of {@code type} as written by the mapper; object types are referenced, not inlined. */
    ObjectNode schemaOf(Type type) {
        return schemaOf(mapper.constructType(type));
    }

    /** Every named object schema met so far, by name. */
    Map<String, ObjectNode> components() {
        return components;
    }

    /** Makes {@code schema} also accept {@code null}. */
    static ObjectNode nullable(ObjectNode schema) {
        if (schema.isEmpty()) {
            return schema;
        }
        if (schema.has("$ref")) {
            ObjectNode any = NODES.objectNode();
            any.putArray("anyOf").add(schema).addObject().put("type", "null");
            return any;
        }
        if (schema.get("type").isTextual()) {
            String type = schema.get("type").textValue();
            schema.putArray("type").add(type).add("null");
        }
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        }
        return schema;
    }

    private ObjectNode schemaOf(JavaType t) {
        Class<?> raw = t.getRawClass();
        if (ObjectNode.class.isAssignableFrom(raw)) {
            return NODES.objectNode().put("type", "object");
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return NODES.objectNode(); // any JSON value
        }
        if (t.isReferenceType()) {
            return nullable(schemaOf(t.getReferencedType()));
        }
        if (raw == String.class || raw == char.class || raw == Character.class || raw == UUID.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (INTEGERS.contains(raw)) {
            return NODES.objectNode().put("type", "integer");
        }
        if (NUMBERS.contains(raw)) {
            return NODES.objectNode().put("type", "number");
        }
        if (DATE_TIMES.contains(raw)) {
            return NODES.objectNode().put("type", "string").put("format", "date-time");
        }
        if (raw == LocalDate.class) {
            return NODES.objectNode().put("type", "string").put("format", "date");
        }
        if (raw.isEnum()) {
            ObjectNode schema = NODES.objectNode().put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.valueToTree(constant).asText());
            }
            return schema;
        }
        if (t.isArrayType() || t.isCollectionLikeType()) {
            ObjectNode schema = NODES.objectNode().put("type", "array");
            schema.set("items", schemaOf(t.getContentType()));
            return schema;
        }
        if (t.isMapLikeType()) {
            ObjectNode schema = NODES.objectNode().put("type", "object");
            schema.set("additionalProperties", schemaOf(t.getContentType()));
            return schema;
        }
        return reference(t);
    }

    private ObjectNode reference(JavaType t) {
        Class<?> raw = t.getRawClass();
        String name = raw.getSimpleName();
        Class<?> owner = owners.putIfAbsent(name, raw);
        if (owner != null && owner != raw) {
            throw new IllegalStateException("Two wire types are both called " + name + ": " + owner.getName() + " and " + raw.getName());
        }
        if (owner == null) {
            components.put(name, NODES.objectNode()); // placeholder first: a type may contain itself
            components.put(name, objectSchema(t));
        }
        return NODES.objectNode().put("$ref", "#/components/schemas/" + name);
    }

    private ObjectNode objectSchema(JavaType t) {
        SerializationConfig config = mapper.getSerializationConfig();
        BeanDescription bean = config.introspect(t);
        AnnotatedMember jsonValue = bean.findJsonValueAccessor();
        if (jsonValue != null) {
            return schemaOf(jsonValue.getType());
        }
        JsonInclude.Include classInclusion = bean.findPropertyInclusion(config.getDefaultPropertyInclusion(t.getRawClass()))
                .getValueInclusion();
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.couldSerialize()) {
                continue;
            }
            JavaType type = property.getPrimaryType();
            JsonInclude.Include inclusion = property.findInclusion().getValueInclusion();
            if (inclusion == JsonInclude.Include.USE_DEFAULTS) {
                inclusion = classInclusion;
            }
            ObjectNode propertySchema = schemaOf(type);
            if (OMITS_NULLS.contains(inclusion)) {
                properties.set(property.getName(), propertySchema); // absent when null, so optional
            } else {
                properties.set(property.getName(), type.isPrimitive() ? propertySchema : nullable(propertySchema));
                required.add(property.getName());
            }
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException(t.getRawClass().getName() + " has no JSON properties; give it a schema rule in "
                    + WireSchemas.class.getSimpleName());
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
