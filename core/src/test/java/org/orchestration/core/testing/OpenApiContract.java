package org.orchestration.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestClient.Reply;

/**
 * A validating client's view of {@code /api/openapi.json}: the document is read by a real OpenAPI
 * parser (which reports spec errors), and every answer checked here is validated against the
 * schema the document gives for its route and status with a JSON-schema (2020-12) validator.
 * Remembers which operations were checked so a test can require all of them.
 */
public final class OpenApiContract {

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Set<String> checked = new TreeSet<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** Parses {@code json} with swagger-parser and fails on any message it reports. */
    public static OpenApiContract parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("OpenAPI parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        try {
            return new OpenApiContract(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** "GET /api/projects/{id}" for every operation of the document. */
    public Set<String> operations() {
        Set<String> keys = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> keys.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return keys;
    }

    public Set<String> checked() {
        return checked;
    }

    /**
     * Asserts that {@code reply} (an answer of {@code method pathTemplate}) has status {@code expectedStatus},
     * that the document lists that status (or, for an error, a default) and that the body matches its schema.
     */
    public Reply check(String method, String pathTemplate, int expectedStatus, Reply reply) {
        assertThat(reply.status()).as(method + " " + pathTemplate + ": " + reply.body()).isEqualTo(expectedStatus);
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("documented: " + method + " " + pathTemplate).isFalse();
        JsonNode response = operation.path("responses").path(Integer.toString(reply.status()));
        if (response.isMissingNode()) {
            assertThat(reply.status()).as("only errors fall back to the default response").isGreaterThanOrEqualTo(400);
            response = operation.path("responses").path("default");
        }
        assertThat(response.isMissingNode()).as("status " + reply.status() + " documented for " + method + " " + pathTemplate)
                .isFalse();
        JsonNode content = response.path("content").path("application/json").path("schema");
        if (content.isMissingNode()) {
            assertThat(reply.body()).as("no body documented for " + method + " " + pathTemplate).isEmpty();
        } else {
            assertThat(reply.json()).as("a JSON body for " + method + " " + pathTemplate + ": " + reply.body()).isNotNull();
            List<Error> errors = schema(content).validate(reply.json());
            assertThat(errors).as(method + " " + pathTemplate + " answered " + reply.body()).isEmpty();
        }
        checked.add(method + " " + pathTemplate);
        return reply;
    }

    /** The response schema with the document's components beside it, so its {@code $ref}s resolve. */
    private Schema schema(JsonNode responseSchema) {
        ObjectNode root = ((ObjectNode) responseSchema).deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.get("components"));
        return registry.getSchema(root);
    }
}
