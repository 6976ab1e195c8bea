package org.orchestration.core.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.Money;

/**
 * A parsed JSON object body with typed, bounded field readers. Every failure is a
 * {@link ValidationException} naming the field, so malformed JSON, wrong types and out-of-range
 * values all come back as 400 with {@code {"detail", "field"}}.
 */
public final class JsonBody {

    /** How deep a request body may nest objects and arrays. */
    static final int MAX_NESTING = 16;

    /**
     * Request bodies are flat objects with at most a few levels inside {@code model_routing} and
     * {@code prices}: tight limits keep a hostile body from costing the parser deep recursion or
     * huge numbers. Strings are bounded by the body cap itself.
     */
    private static final JsonFactory BODIES = Json.mapper().getFactory().copy()
            .setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(100)
                    .maxNameLength(1_000)
                    .build());

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    /** Parses a complete body held in memory (tests, callers that already have the bytes); no size cap beyond its length. */
    public static JsonBody parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        return parse(new ByteArrayInputStream(bytes), bytes.length);
    }

    /**
     * Parses the body straight from {@code in} (no copy of the whole body as bytes or a String);
     * reading past {@code maxBytes} is refused with 413 at once. An empty body counts as {@code {}};
     * anything but whitespace after the JSON object is refused.
     *
     * @throws ValidationException naming {@code body} when it is not one well-formed JSON object
     */
    static JsonBody parse(InputStream in, long maxBytes) {
        JsonNode node;
        try (JsonParser parser = BODIES.createParser(new CappedInputStream(in, maxBytes))) {
            if (parser.nextToken() == null) {
                return new JsonBody(Json.mapper().createObjectNode());
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new ValidationException("body", "The request body must be a JSON object.");
            }
            node = Json.mapper().readTree(parser);
            JsonToken trailing;
            try {
                trailing = parser.nextToken();
            } catch (JsonProcessingException e) {
                trailing = JsonToken.NOT_AVAILABLE;
            }
            if (trailing != null) {
                throw new ValidationException("body", "The request body has more after the JSON object (line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr()
                        + "); send exactly one JSON object.");
            }
        } catch (StreamConstraintsException e) {
            throw new ValidationException("body", "The request body is not acceptable JSON (nested deeper than "
                    + MAX_NESTING + " levels, or a number or name too long).");
        } catch (JsonProcessingException e) {
            // Jackson's own limits (nesting depth, number length) report no location: found by ApiFuzzTest.
            throw new ValidationException("body", e.getLocation() == null
                    ? "The request body is not acceptable JSON (too deeply nested or a value too long)."
                    : "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new ValidationException("body", "The request body could not be read.");
        }
        return new JsonBody((ObjectNode) node);
    }

    public boolean has(String field) {
        return root.has(field);
    }

    /** True when the field is present with the value {@code null}. */
    public boolean isExplicitNull(String field) {
        return root.has(field) && root.get(field).isNull();
    }

    /** Refuses fields this endpoint does not know, so a typo is not silently ignored. */
    public JsonBody allowOnly(Set<String> known) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ValidationException(name, name + " is not a field of this request");
            }
        }
        return this;
    }

    /** PATCH bodies must change something. */
    public JsonBody requireAnyOf(Set<String> fields) {
        if (fields.stream().noneMatch(root::has)) {
            throw new ValidationException("body", "Nothing to change: send at least one of " + String.join(", ", fields.stream().sorted().toList()));
        }
        return this;
    }

    public String requiredString(String field, int minLength, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new ValidationException(field, field + " is required");
        }
        return Bounds.length(field, text(field, node), minLength, maxLength);
    }

    /** Absent -> null; present must be a string within the bounds (null is refused). */
    public String optionalString(String field, int minLength, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            throw new ValidationException(field, field + " must not be null");
        }
        return Bounds.length(field, text(field, node), minLength, maxLength);
    }

    /** Absent -> null; present must be a whole number within the bounds. */
    public Integer optionalInt(String field, int min, int max) {
        JsonNode node = root.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new ValidationException(field, field + " must be a whole number");
        }
        return (int) Bounds.range(field, node.longValue(), min, max);
    }

    /** Absent or null -> null; present must be a non-negative amount of US dollars, returned in micro-dollars. */
    public Long optionalUsdAsMicros(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new ValidationException(field, field + " must be a number of US dollars");
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            // 1e400 is parsed as a double overflowing to infinity, which has no decimal value
            throw new ValidationException(field, field + " must be between 0 and 1000000000");
        }
        BigDecimal usd = node.decimalValue();
        if (usd.signum() < 0) {
            throw new ValidationException(field, field + " must not be negative");
        }
        if (usd.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
            throw new ValidationException(field, field + " must be at most 1000000000");
        }
        return Money.usdToMicros(usd.doubleValue());
    }

    /** Absent -> null; present must be a JSON object. */
    public JsonNode optionalObject(String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw new ValidationException(field, field + " must be a JSON object");
        }
        return node;
    }

    /** An optional array of strings (each 1..{@code maxLength} characters, at most {@code maxItems}). */
    public List<String> optionalStringList(String field, int maxItems, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new ValidationException(field, field + " must be a JSON array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            out.add(text(field, item));
        }
        // the engine's own sentences (Bounds), so a list is refused alike from the window and the API
        Bounds.count(field, out, maxItems);
        out.forEach(value -> Bounds.length(field, value, 1, maxLength));
        return List.copyOf(out);
    }

    private static String text(String field, JsonNode node) {
        if (!node.isTextual()) {
            throw new ValidationException(field, field + " must be a string");
        }
        return node.textValue();
    }
}
