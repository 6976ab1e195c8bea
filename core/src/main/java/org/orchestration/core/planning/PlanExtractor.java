package org.orchestration.core.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestration.core.json.Json;

/**
 * Finds the plan JSON in a model's reply (seed 4.5). In order: the whole body as JSON; then the
 * content of each {@code ```} code fence; then the first <em>balanced</em> top-level object found by
 * a brace-aware scanner that respects strings and escapes. Never a greedy regex, which would span
 * from the first brace of the prose to the last brace of a trailing remark. An object that has a
 * {@code tasks} field is preferred over an earlier one that has none (an example in the prose).
 */
public final class PlanExtractor {

    /** Fence content is delimited lazily: each fence ends at the next fence marker. */
    private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*[ \\t]*\\r?\\n?(.*?)```", Pattern.DOTALL);

    /** Strict: "{...} and some prose" is not a whole-body JSON document. */
    private static final ObjectReader STRICT = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Opening braces tried before giving up: each try may scan to the end of the reply, so this
     * keeps a pathological reply (thousands of unmatched braces) from taking quadratic time.
     */
    static final int MAX_SCAN_STARTS = 2_000;

    private PlanExtractor() {
    }

    /**
     * @return the JSON object holding the plan
     * @throws PlanningException when the reply is empty, holds no JSON object, or its JSON is cut off
     */
    public static JsonNode extract(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new PlanningException("The planning model's reply was empty.");
        }
        String body = reply.strip();
        JsonNode whole = parse(body);
        if (whole != null && (whole.isObject() || whole.isArray())) {
            return whole;
        }
        List<JsonNode> fenced = new ArrayList<>();
        Matcher fences = FENCE.matcher(body);
        while (fences.find()) {
            JsonNode node = parse(fences.group(1).strip());
            if (node != null && node.isObject()) {
                fenced.add(node);
            }
        }
        JsonNode plan = withTasks(fenced);
        if (plan != null) {
            return plan;
        }
        Scan scan = scanObjects(body);
        plan = withTasks(scan.objects());
        if (plan != null) {
            return plan;
        }
        if (!fenced.isEmpty()) {
            return fenced.get(0); // the schema check will say what it lacks
        }
        // An opening brace that never closes, and no complete plan: the inner objects found are
        // pieces (single tasks) of a reply that was cut off.
        if (scan.unterminated()) {
            throw new PlanningException("The planning model's reply ends in the middle of its JSON (it was probably cut off); "
                    + "try again, or shorten the requirements.");
        }
        if (!scan.objects().isEmpty()) {
            return scan.objects().get(0);
        }
        throw new PlanningException("The planning model's reply contains no JSON plan.");
    }

    private static JsonNode withTasks(List<JsonNode> objects) {
        return objects.stream().filter(o -> o.has("tasks")).findFirst().orElse(null);
    }

    private record Scan(List<JsonNode> objects, boolean unterminated) {
    }

    /**
     * Every balanced {...} that parses, scanning left to right. When a balanced span does not
     * parse (prose such as "{like this}") the scan resumes just after its opening brace, so an
     * object nested inside or following it is still found.
     */
    static Scan scanObjects(String text) {
        List<JsonNode> found = new ArrayList<>();
        boolean unterminated = false;
        int from = 0;
        for (int tries = 0; tries < MAX_SCAN_STARTS; tries++) {
            int start = text.indexOf('{', from);
            if (start < 0) {
                break;
            }
            int end = balancedEnd(text, start);
            if (end < 0) {
                unterminated = true;
                from = start + 1;
                continue;
            }
            JsonNode node = parse(text.substring(start, end + 1));
            if (node != null && node.isObject()) {
                found.add(node);
                if (node.has("tasks")) {
                    break;
                }
                from = end + 1;
            } else {
                from = start + 1;
            }
        }
        return new Scan(found, unterminated);
    }

    /**
     * The index of the brace closing the one at {@code start}, or -1 if the text ends first.
     * Braces inside JSON strings (with backslash escapes) do not count.
     */
    static int balancedEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static JsonNode parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
