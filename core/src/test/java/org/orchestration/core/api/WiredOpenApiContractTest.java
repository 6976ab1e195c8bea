package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.api.Route;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.OpenApiContract;
import org.orchestration.core.testing.WiredServices;

/**
 * The OpenAPI document against the real server: it parses cleanly with swagger-parser, and every
 * route, called through the loopback API on the real services, answers with a status the document
 * lists and a body that validates against the documented schema (JSON Schema 2020-12).
 */
class WiredOpenApiContractTest {

    private static final String PLAN_JSON = """
            {"summary": "Bakery site", "tasks": [
              {"title": "Write the copy", "description": "Texts for the page", "task_type": "writing", "complexity": "medium", "depends_on": []},
              {"title": "Build the page", "description": "One HTML page", "task_type": "code", "complexity": "medium", "depends_on": [0]}]}
            """;

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiServer server;
    private ApiTestClient client;
    private OpenApiContract contract;

    @BeforeEach
    void start() throws IOException {
        s = new WiredServices(Files.createDirectories(dir.resolve("engine")));
        server = s.startServer();
        client = new ApiTestClient(server.baseUrl());
        contract = OpenApiContract.parse(client.get("/api/openapi.json", null).body());
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void theDocumentListsExactlyTheRoutesOfTheServer() {
        Set<String> routes = server.routes().stream().map(Route::key).collect(Collectors.toSet());
        assertThat(contract.operations()).isEqualTo(routes);
    }

    @Test
    void listRoutesAreDocumentedAsArraysOfNamedObjects() {
        JsonNode schema = contract.document().at("/paths/~1api~1projects/get/responses/200/content/application~1json/schema");
        assertThat(schema.get("type").asText()).isEqualTo("array");
        assertThat(schema.at("/items/$ref").asText()).isEqualTo("#/components/schemas/ProjectSummary");
        JsonNode summary = contract.document().at("/components/schemas/ProjectSummary");
        assertThat(summary.get("properties").has("budget_limit_micros")).isTrue();
        assertThat(summary.get("additionalProperties").asBoolean()).isFalse();
    }

    @Test
    void aServiceValidationErrorNamesTheFieldAsSentOnTheWire() {
        Reply refused = check("POST", "/api/auth/register", 400, client.post("/api/auth/register", null,
                "{\"email\":\"me@example.com\",\"password\":\"a long passphrase\",\"display_name\":\"   \"}"));
        assertThat(refused.field()).isEqualTo("display_name");
    }

    @Test
    void anAccountWithoutADisplayNameIsShownByItsEmailsLocalPart() {
        Reply created = check("POST", "/api/auth/register", 201, client.post("/api/auth/register", null,
                "{\"email\":\"baker@example.com\",\"password\":\"a long passphrase\"}"));
        assertThat(created.json().get("display_name").asText()).isEqualTo("baker");
    }

    @Test
    void theValidatorRefusesAnAnswerTheDocumentDoesNotDescribe() {
        Reply camelCase = new Reply(200, "{\"id\":\"p1\",\"ownerId\":\"u1\"}",
                Json.mapper().createObjectNode().put("id", "p1").put("ownerId", "u1"), Headers.of());
        assertThatThrownBy(() -> contract.check("GET", "/api/projects/{id}", 200, camelCase))
                .isInstanceOf(AssertionError.class).hasMessageContaining("owner_id");
        Reply objectForList = new Reply(200, "{}", Json.mapper().createObjectNode(), Headers.of());
        assertThatThrownBy(() -> contract.check("GET", "/api/projects", 200, objectForList))
                .isInstanceOf(AssertionError.class).hasMessageContaining("array");
    }

    @Test
    void everyRouteAnswersWhatTheDocumentSays() throws IOException {
        check("GET", "/api/openapi.json", 200, client.get("/api/openapi.json", null));
        check("POST", "/api/auth/register", 201, client.post("/api/auth/register", null,
                "{\"email\":\"owner@example.com\",\"password\":\"a long passphrase\",\"display_name\":\"Owner\"}"));
        // display_name is optional, as documented
        check("POST", "/api/auth/register", 201, client.post("/api/auth/register", null,
                "{\"email\":\"me@example.com\",\"password\":\"a long passphrase\"}"));
        check("POST", "/api/auth/register", 400, client.post("/api/auth/register", null,
                "{\"email\":\"not an address\",\"password\":\"a long passphrase\"}"));
        JsonNode admin = check("POST", "/api/auth/login", 200, client.post("/api/auth/login", null,
                "{\"email\":\"owner@example.com\",\"password\":\"a long passphrase\"}")).json();
        String token = check("POST", "/api/auth/refresh", 200, client.post("/api/auth/refresh", null,
                "{\"refresh_token\":\"" + admin.get("refresh_token").asText() + "\"}")).json().get("access_token").asText();
        check("GET", "/api/auth/me", 200, client.get("/api/auth/me", token));
        check("GET", "/api/auth/me", 401, client.get("/api/auth/me", null));

        String projectId = check("POST", "/api/projects", 201, client.post("/api/projects", token,
                "{\"name\":\"Landing page\",\"requirements\":\"A one-page site for a bakery.\",\"budget_limit_usd\":2}"))
                .json().get("id").asText();
        check("GET", "/api/projects", 200, client.get("/api/projects", token));
        check("GET", "/api/projects/{id}", 200, client.get("/api/projects/" + projectId, token));
        check("GET", "/api/projects/{id}", 404, client.get("/api/projects/no-such-project", token));
        check("PATCH", "/api/projects/{id}", 200, client.patch("/api/projects/" + projectId, token, "{\"budget_limit_usd\":null}"));
        check("GET", "/api/projects/{id}/plan", 404, client.get("/api/projects/" + projectId + "/plan", token));

        s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(1_200, 800, 0, 0));
        check("POST", "/api/projects/{id}/plan", 202, client.post("/api/projects/" + projectId + "/plan", token, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/projects/" + projectId + "/plan", token).status() == 200);
        check("GET", "/api/projects/{id}/plan", 200, client.get("/api/projects/" + projectId + "/plan", token));
        check("POST", "/api/projects/{id}/plan/approve", 200, client.post("/api/projects/" + projectId + "/plan/approve", token, null));

        JsonNode tasks = check("GET", "/api/projects/{id}/tasks", 200, client.get("/api/projects/" + projectId + "/tasks", token)).json();
        String taskId = tasks.get(0).get("id").asText();
        check("GET", "/api/tasks/{id}", 200, client.get("/api/tasks/" + taskId, token));
        check("PATCH", "/api/tasks/{id}", 200, client.patch("/api/tasks/" + taskId, token, "{\"priority\":10}"));
        check("PATCH", "/api/tasks/{id}", 400, client.patch("/api/tasks/" + taskId, token, "{\"max_tokens\":0}"));

        s.anthropic.enqueueText("Fresh bread every morning.", new TokenUsage(2_000, 500, 0, 0));
        s.anthropic.enqueueText("<html>Bakery</html>", new TokenUsage(2_500, 700, 0, 0));
        check("POST", "/api/projects/{id}/execute", 202, client.post("/api/projects/" + projectId + "/execute", token, null));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/projects/" + projectId, token).json().get("status").asText().equals("COMPLETED"));
        check("GET", "/api/tasks/{id}", 200, client.get("/api/tasks/" + taskId, token));
        check("POST", "/api/tasks/{id}/retry", 409, client.post("/api/tasks/" + taskId + "/retry", token, null));
        check("POST", "/api/projects/{id}/pause", 409, client.post("/api/projects/" + projectId + "/pause", token, null));

        String second = check("POST", "/api/projects", 201, client.post("/api/projects", token, "{\"name\":\"Second\"}"))
                .json().get("id").asText();
        check("POST", "/api/projects/{id}/cancel", 409, client.post("/api/projects/" + second + "/cancel", token, null));

        check("GET", "/api/usage/summary", 200, client.get("/api/usage/summary?project_id=" + projectId, token));
        check("GET", "/api/usage/summary", 200, client.get("/api/usage/summary", token));
        check("GET", "/api/usage/by-project", 200, client.get("/api/usage/by-project", token));
        check("GET", "/api/usage/budget", 200, client.get("/api/usage/budget", token));
        check("PATCH", "/api/usage/budget", 200, client.patch("/api/usage/budget", token, "{\"daily_limit_usd\":3}"));

        Path folder = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(folder.resolve("bread.md"), "# Bread\nSourdough needs a starter and time.\n");
        String kbId = check("POST", "/api/knowledge", 201, client.post("/api/knowledge", token,
                Json.mapper().writeValueAsString(Map.of("name", "Notes", "folder", folder.toString()))))
                .json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/knowledge", token).json().get(0).get("status").asText()
                .equals("READY"));
        check("GET", "/api/knowledge", 200, client.get("/api/knowledge", token));
        check("POST", "/api/knowledge/{id}/reindex", 202, client.post("/api/knowledge/" + kbId + "/reindex", token, null));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/knowledge", token).json().get(0).get("status").asText()
                .equals("READY"));
        check("GET", "/api/knowledge/{id}/search", 200, client.get("/api/knowledge/" + kbId + "/search?q=sourdough&k=3", token));
        check("GET", "/api/knowledge/{id}/search", 400, client.get("/api/knowledge/" + kbId + "/search?k=3", token));
        assertThat(check("GET", "/api/knowledge/{id}/search", 400, client.get("/api/knowledge/" + kbId + "/search?q=%00", token))
                .field()).isEqualTo("q");

        check("GET", "/api/settings", 200, client.get("/api/settings", token));
        check("PATCH", "/api/settings", 200, client.patch("/api/settings", token, "{\"concurrency\":3}"));
        check("GET", "/api/services", 200, client.get("/api/services", token));

        String sseToken = check("POST", "/api/events/{project_id}/token", 200,
                client.post("/api/events/" + projectId + "/token", token, null)).json().get("token").asText();
        checkEventStreamOpens(projectId, sseToken);
        check("GET", "/api/events/{project_id}", 401, client.get("/api/events/" + projectId + "?token=wrong", null));

        check("DELETE", "/api/projects/{id}", 204, client.delete("/api/projects/" + second, token));

        assertThat(contract.checked()).as("every documented route was exercised").isEqualTo(contract.operations());
    }

    /** The stream's headers are enough: its body is a stream, documented as text/event-stream. */
    private void checkEventStreamOpens(String projectId, String sseToken) throws IOException {
        Request request = new Request.Builder().url(client.url("/api/events/" + projectId + "?token=" + sseToken)).build();
        try (Response response = client.http().newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/event-stream");
            assertThat(contract.document().at("/paths/~1api~1events~1{project_id}/get/responses/200/content").has("text/event-stream"))
                    .isTrue();
        }
        contract.checked().add("GET /api/events/{project_id}");
    }

    private Reply check(String method, String path, int status, Reply reply) {
        return contract.check(method, path, status, reply);
    }
}
