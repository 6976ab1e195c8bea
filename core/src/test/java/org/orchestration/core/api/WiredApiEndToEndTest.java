package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.SeenEvents;
import org.orchestration.core.testing.WiredServices;

/**
 * The whole API over a real loopback socket on the real services and a real SQLite file; only
 * the model server is fake (the real AnthropicProvider talks to {@code FakeAnthropicServer}, priced
 * with the shipped price table).
 */
class WiredApiEndToEndTest {

    private static final String PLAN_JSON = """
            {"summary": "Bakery site", "tasks": [
              {"title": "Write the copy", "description": "Texts for the page", "task_type": "writing", "complexity": "medium", "depends_on": []},
              {"title": "Build the page", "description": "One HTML page", "task_type": "code", "complexity": "medium", "depends_on": [0]}]}
            """;
    private static final String JSON_CREDENTIALS = "{\"email\":\"%s\",\"password\":\"a long passphrase\"}";

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiServer server;
    private ApiTestClient client;
    private EventSource source;

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        server = s.startServer();
        client = new ApiTestClient(server.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.cancel();
        }
        s.close();
    }

    private Reply register(String email) {
        return client.post("/api/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"a long passphrase\",\"display_name\":\"Someone\"}");
    }

    private JsonNode login(String email) {
        Reply reply = client.post("/api/auth/login", null, JSON_CREDENTIALS.formatted(email));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private String createProject(String token) {
        Reply created = client.post("/api/projects", token,
                "{\"name\":\"Landing page\",\"requirements\":\"A one-page site for a bakery.\",\"budget_limit_usd\":2}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }


    @Test
    void aClientRegistersPlansApprovesRunsWatchesAndSeesTheSpend() {
        Reply first = register("owner@example.com");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("role").asText()).isEqualTo("ADMIN");
        Reply me = register("me@example.com");
        assertThat(me.json().get("role").asText()).isEqualTo("USER");

        JsonNode tokens = login("me@example.com");
        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(900);
        String token = tokens.get("access_token").asText();
        assertThat(client.get("/api/auth/me", token).json().get("email").asText()).isEqualTo("me@example.com");

        String projectId = createProject(token);
        Reply project = client.get("/api/projects/" + projectId, token);
        assertThat(project.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(project.json().get("budget_limit_micros").asLong()).isEqualTo(2_000_000);

        // watch the project from now on
        Reply sse = client.post("/api/events/" + projectId + "/token", token, null);
        assertThat(sse.status()).as(sse.body()).isEqualTo(200);
        assertThat(sse.json().get("expires_in").asLong()).isEqualTo(60);
        SeenEvents seen = new SeenEvents();
        source = EventSources.createFactory(client.http()).newEventSource(new Request.Builder()
                .url(client.url("/api/events/" + projectId + "?token=" + sse.json().get("token").asText())).build(), seen);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openEventStreams() == 1);

        // plan: 202 at once with the claimed project, the plan follows in the background
        s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(1_200, 800, 0, 0));
        Reply planning = client.post("/api/projects/" + projectId + "/plan", token, null);
        assertThat(planning.status()).as(planning.body()).isEqualTo(202);
        assertThat(planning.json().get("status").asText()).isEqualTo("PLANNING");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/api/projects/" + projectId + "/plan", token).status() == 200);
        JsonNode plan = client.get("/api/projects/" + projectId + "/plan", token).json();
        assertThat(plan.get("status").asText()).isEqualTo("DRAFT");
        assertThat(plan.get("body").get("tasks")).hasSize(2);
        assertThat(plan.get("forecast").get("high_micros").asLong()).isPositive();
        assertThat(plan.has("raw_reply")).isFalse();

        Reply approved = client.post("/api/projects/" + projectId + "/plan/approve", token, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");
        JsonNode tasks = client.get("/api/projects/" + projectId + "/tasks", token).json();
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).get("status").asText()).isEqualTo("PENDING");
        assertThat(tasks.get(1).get("status").asText()).isEqualTo("BLOCKED");

        // run: the two tasks call the model one after the other (the second depends on the first)
        s.anthropic.enqueueText("Fresh bread every morning.", new TokenUsage(2_000, 500, 0, 0));
        s.anthropic.enqueueText("<html>Bakery</html>", new TokenUsage(2_500, 700, 0, 0));
        Reply running = client.post("/api/projects/" + projectId + "/execute", token, null);
        assertThat(running.status()).as(running.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/api/projects/" + projectId, token).json().get("status").asText().equals("COMPLETED"));
        JsonNode done = client.get("/api/projects/" + projectId + "/tasks", token).json();
        assertThat(done).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("COMPLETED"));
        JsonNode detail = client.get("/api/tasks/" + done.get(1).get("id").asText(), token).json();
        assertThat(detail.get("task").get("output").asText()).contains("Bakery");
        assertThat(detail.get("depends_on")).hasSize(1);

        // the stream saw it all happen
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.has("project.status", "COMPLETED"));
        assertThat(seen.has("plan.ready", "planId")).isTrue();
        assertThat(seen.has("project.status", "READY")).isTrue();
        assertThat(seen.has("task.status", "COMPLETED")).isTrue();
        assertThat(seen.has("task.tokens", "costMicros")).isTrue();

        // and the spend is there: sonnet at $3/$15 per million tokens
        long planCost = 1_200 * 3 + 800 * 15;
        long taskCost = (2_000 + 2_500) * 3 + (500 + 700) * 15;
        JsonNode usage = client.get("/api/usage/summary?project_id=" + projectId, token).json();
        assertThat(usage.get("project_total_micros").asLong()).isEqualTo(planCost + taskCost);
        assertThat(usage.get("month").get("cost_micros").asLong()).isEqualTo(planCost + taskCost);
        assertThat(usage.get("budget").get("daily_spent_micros").asLong()).isEqualTo(planCost + taskCost);
        JsonNode byProject = client.get("/api/usage/by-project", token).json();
        assertThat(byProject.get(0).get("key").asText()).isEqualTo(projectId);
        assertThat(client.get("/api/projects", token).json().get(0).get("spent_micros").asLong()).isEqualTo(planCost + taskCost);
    }

    @Test
    void planGenerationThatCannotStartIsRefusedAtOnceNot202() {
        register("me@example.com");
        String token = login("me@example.com").get("access_token").asText();
        Reply created = client.post("/api/projects", token, "{\"name\":\"No requirements yet\"}");
        String projectId = created.json().get("id").asText();

        Reply refused = client.post("/api/projects/" + projectId + "/plan", token, null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("requirements");
        assertThat(client.get("/api/projects/" + projectId, token).json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(client.get("/api/projects/" + projectId + "/plan", token).status()).isEqualTo(404);
        assertThat(client.post("/api/projects/" + projectId + "/plan/approve", token, null).status()).isEqualTo(409);
    }

    @Test
    void aRefreshTokenRotatesAndTheSpentOneIsRefused() {
        register("me@example.com");
        JsonNode first = login("me@example.com");
        String refresh = first.get("refresh_token").asText();

        Reply rotated = client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("refresh_token").asText()).isNotEqualTo(refresh);
        assertThat(client.get("/api/auth/me", rotated.json().get("access_token").asText()).status()).isEqualTo(200);

        Reply replayed = client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(client.get("/api/auth/me", refresh).status()).as("a refresh token is no bearer").isEqualTo(401);
    }

    @Test
    void aPersonalApiKeyWorksAsABearerUntilRevoked() {
        register("me@example.com");
        String token = login("me@example.com").get("access_token").asText();
        String projectId = createProject(token);
        User me = s.auth.authenticator().authenticateBearer(token);
        var key = s.auth.apiKeys().create(me, "script");

        Reply projects = client.get("/api/projects", key.plaintext());
        assertThat(projects.status()).as(projects.body()).isEqualTo(200);
        assertThat(projects.json().get(0).get("id").asText()).isEqualTo(projectId);

        s.auth.apiKeys().revoke(me, key.info().id());
        assertThat(client.get("/api/projects", key.plaintext()).status()).isEqualTo(401);
    }

    @Test
    void anotherUsersRealTokenIsRefusedOnEveryRouteToMyResources() {
        register("owner@example.com");
        register("me@example.com");
        register("other@example.com");
        String mine = login("me@example.com").get("access_token").asText();
        String theirs = login("other@example.com").get("access_token").asText();
        String projectId = createProject(mine);
        User me = s.auth.authenticator().authenticateBearer(mine);
        s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 100, 0, 0));
        String planned = s.projects.create(me, "Planned", "Two steps.").id();
        String taskId = s.decomposer.approve(me, s.planner.generatePlan(me, planned, CancellationToken.none()).id()).taskIds().get(0);
        String kbId = s.knowledgeBases.create(me, "Notes", s.knowledgeBases.ownFolder(me).toString()).id();

        for (String[] call : List.of(new String[] {"GET", "/api/tasks/" + taskId}, new String[] {"PATCH", "/api/tasks/" + taskId},
                new String[] {"POST", "/api/tasks/" + taskId + "/retry"}, new String[] {"POST", "/api/knowledge/" + kbId + "/reindex"},
                new String[] {"GET", "/api/knowledge/" + kbId + "/search?q=words"},new String[] {"GET", "/api/projects/" + projectId},
                new String[] {"PATCH", "/api/projects/" + projectId}, new String[] {"DELETE", "/api/projects/" + projectId},
                new String[] {"POST", "/api/projects/" + projectId + "/plan"}, new String[] {"GET", "/api/projects/" + projectId + "/plan"},
                new String[] {"POST", "/api/projects/" + projectId + "/plan/approve"},
                new String[] {"POST", "/api/projects/" + projectId + "/execute"}, new String[] {"POST", "/api/projects/" + projectId + "/pause"},
                new String[] {"POST", "/api/projects/" + projectId + "/cancel"}, new String[] {"GET", "/api/projects/" + projectId + "/tasks"},
                new String[] {"GET", "/api/usage/summary?project_id=" + projectId},
                new String[] {"POST", "/api/events/" + projectId + "/token"})) {
            String body = !call[0].equals("PATCH") ? null : call[1].startsWith("/api/tasks") ? "{\"priority\":1}" : "{\"name\":\"Mine now\"}";
            Reply reply = client.call(call[0], call[1], theirs, body);
            assertThat(reply.status()).as(call[0] + " " + call[1] + ": " + reply.body()).isEqualTo(403);
        }
        assertThat(client.get("/api/projects", theirs).json()).isEmpty();
        assertThat(client.get("/api/knowledge", theirs).json()).isEmpty();
        String theirSse = client.post("/api/events/" + createProject(theirs) + "/token", theirs, null).json().get("token").asText();
        assertThat(client.get("/api/events/" + projectId + "?token=" + theirSse, null).status())
                .as("an SSE token opens only its own project's stream").isEqualTo(401);
        assertThat(client.get("/api/projects/" + projectId, mine).status()).isEqualTo(200);
    }

    @Test
    void settingsChangeOnlyForAnAdminAndBadValuesNameTheirField() {
        register("owner@example.com");
        register("me@example.com");
        String admin = login("owner@example.com").get("access_token").asText();
        String user = login("me@example.com").get("access_token").asText();

        assertThat(client.patch("/api/settings", user, "{\"concurrency\":3}").status()).isEqualTo(403);
        Reply changed = client.patch("/api/settings", admin,
                "{\"concurrency\":3,\"max_task_retries\":2,\"model_routing\":{\"simple\":{\"provider\":\"anthropic\",\"model\":\"claude-sonnet-4-6\"}},"
                        + "\"prices\":{\"claude-sonnet-4-6\":{\"input\":2}}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("concurrency").asInt()).isEqualTo(3);
        assertThat(s.executor.concurrency()).isEqualTo(3);
        assertThat(client.get("/api/settings", user).json().get("max_task_retries").asInt()).isEqualTo(2);
        assertThat(s.pricing.priceOf("claude-sonnet-4-6").orElseThrow().input()).isEqualByComparingTo("2");

        Reply bad = client.patch("/api/settings", admin, "{\"model_routing\":{\"simple\":{\"provider\":\"anthropic\"}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("model_routing.simple.model");
        Reply badPrice = client.patch("/api/settings", admin, "{\"prices\":{\"my-model\":{\"input\":-1}}}");
        assertThat(badPrice.field()).isEqualTo("prices.my-model.input");

        Reply budget = client.patch("/api/usage/budget", admin, "{\"daily_limit_usd\":7}");
        assertThat(budget.status()).as(budget.body()).isEqualTo(200);
        assertThat(budget.json().get("daily_limit_micros").asLong()).isEqualTo(7_000_000);
        assertThat(budget.json().get("monthly_limit_micros").asLong()).isEqualTo(50_000_000);
        assertThat(client.patch("/api/usage/budget", user, "{\"daily_limit_usd\":700}").status()).isEqualTo(403);
        assertThat(client.get("/api/services", user).status()).isEqualTo(200);
    }
}
