package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;

/** Tags through the API: PATCH sets them under core's rule, GET /api/projects?tag= filters by them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiProjectTagsTest {

    private ApiTestFixture api;

    @BeforeAll
    void start() {
        api = new ApiTestFixture();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void patchSetsNormalisedTagsAndTheListFiltersByThem() {
        String tagged = api.createProject(api.aliceToken, "tagged");
        String untagged = api.createProject(api.aliceToken, "untagged");

        Reply patched = api.client.patch("/api/projects/" + tagged, api.aliceToken, "{\"tags\":[\" Client  Work \",\"client work\",\"q3\"]}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(strings(patched.json().get("tags"))).containsExactly("Client Work", "q3");
        assertThat(ids(api.client.get("/api/projects?tag=CLIENT%20WORK", api.aliceToken))).containsExactly(tagged);
        assertThat(ids(api.client.get("/api/projects?tag=nope", api.aliceToken))).isEmpty();
        assertThat(ids(api.client.get("/api/projects", api.aliceToken))).contains(tagged, untagged);
        assertThat(ids(api.client.get("/api/projects?tag=q3", api.bobToken))).isEmpty(); // bob sees only his own
    }

    @Test
    void badTagsAreRefusedWithAnErrorNamingTheFieldAndChangeNothing() {
        String id = api.createProject(api.aliceToken, "bounded");
        api.client.patch("/api/projects/" + id, api.aliceToken, "{\"tags\":[\"keep\"]}");
        String eleven = "[" + String.join(",", IntStream.rangeClosed(1, 11).mapToObj(i -> "\"t" + i + "\"").toList()) + "]";

        for (String body : List.of("{\"tags\":" + eleven + "}", "{\"tags\":[\"" + "x".repeat(31) + "\"]}",
                "{\"tags\":[\"a,b\"]}", "{\"tags\":[\"\"]}", "{\"tags\":\"not a list\"}", "{\"tags\":[1]}")) {
            Reply reply = api.client.patch("/api/projects/" + id, api.aliceToken, body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.field()).as(body).isEqualTo("tags");
        }
        assertThat(strings(api.client.get("/api/projects/" + id, api.aliceToken).json().get("tags"))).containsExactly("keep");
        // the same sentences the window shows (ProjectViewModelTest), from the same rule
        assertThat(api.client.patch("/api/projects/" + id, api.aliceToken, "{\"tags\":" + eleven + "}").detail())
                .isEqualTo("tags must have at most 10 entries (got 11).");
        assertThat(api.client.patch("/api/projects/" + id, api.aliceToken, "{\"tags\":[\"a,b\"]}").detail())
                .isEqualTo("A tag must not contain a comma (\"a,b\").");
        assertThat(api.client.patch("/api/projects/" + id, api.aliceToken, "{\"tags\":[\"" + "x".repeat(31) + "\"]}").detail())
                .isEqualTo("tags must be at most 30 characters (was 31).");
    }

    @Test
    void theOpenApiDocumentDescribesTheTagsField() {
        JsonNode doc = api.client.get("/api/openapi.json", null).json();
        JsonNode tags = doc.at("/components/schemas/ProjectUpdate/properties/tags");
        assertThat(tags.path("type").asText()).isEqualTo("array");
        assertThat(tags.path("maxItems").asInt()).isEqualTo(10);
        assertThat(tags.path("items").path("maxLength").asInt()).isEqualTo(30);
    }

    private static List<String> ids(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
