package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;

/** The flow docs/api.md shows with curl, end to end over the socket, snake_case JSON on the wire. */
class ApiFlowTest {

    private ApiTestFixture api;
    private ApiTestClient client;

    @BeforeEach
    void start() {
        api = new ApiTestFixture();
        client = api.client;
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void registerLoginPlanApproveExecuteAndReadUsage() {
        Reply registered = client.post("/api/auth/register", null,
                "{\"email\":\"carol@example.com\",\"password\":\"carol-password\",\"display_name\":\"Carol\"}");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("display_name").asText()).isEqualTo("Carol");

        Reply login = client.post("/api/auth/login", null, "{\"email\":\"carol@example.com\",\"password\":\"carol-password\"}");
        assertThat(login.status()).isEqualTo(200);
        String access = login.json().get("access_token").asText();
        String refresh = login.json().get("refresh_token").asText();
        assertThat(client.get("/api/auth/me", access).json().get("email").asText()).isEqualTo("carol@example.com");

        Reply created = client.post("/api/projects", access, "{\"name\":\"Site\",\"requirements\":\"A static site\",\"budget_limit_usd\":2.5}");
        assertThat(created.status()).isEqualTo(201);
        String project = created.json().get("id").asText();
        assertThat(created.json().get("budget_limit_micros").asLong()).isEqualTo(2_500_000L);

        assertThat(client.post("/api/projects/" + project + "/plan", access, null).status()).isEqualTo(202);
        api.awaitPlan(project);
        assertThat(client.get("/api/projects/" + project + "/plan", access).json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(client.post("/api/projects/" + project + "/plan/approve", access, null).json().get("status").asText())
                .isEqualTo("APPROVED");

        JsonNode tasks = client.get("/api/projects/" + project + "/tasks", access).json();
        assertThat(tasks).hasSize(api.tasksOf(project).size()).isNotEmpty();
        String task = tasks.get(0).get("id").asText();
        Reply patched = client.patch("/api/tasks/" + task, access, "{\"priority\":90,\"max_tokens\":2048}");
        assertThat(patched.json().get("priority").asInt()).isEqualTo(90);
        assertThat(patched.json().get("max_tokens").asInt()).isEqualTo(2048);

        assertThat(client.post("/api/projects/" + project + "/execute", access, null).json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(client.post("/api/projects/" + project + "/pause", access, null).json().get("status").asText()).isEqualTo("PAUSED");
        assertThat(client.post("/api/projects/" + project + "/pause", access, null).status()).isEqualTo(409);

        assertThat(client.get("/api/usage/summary?project_id=" + project, access).status()).isEqualTo(200);
        assertThat(client.get("/api/usage/by-project", access).status()).isEqualTo(200);
        assertThat(client.get("/api/usage/budget", access).status()).isEqualTo(200);

        Reply token = client.post("/api/events/" + project + "/token", access, null);
        assertThat(token.json().get("expires_in").asInt()).isEqualTo(60);

        Reply refreshed = client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}").status())
                .as("a refresh token works once").isEqualTo(401);

        assertThat(client.post("/api/projects/" + project + "/cancel", access, null).status()).isEqualTo(200);
        Reply deleted = client.delete("/api/projects/" + project, access);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(client.get("/api/projects/" + project, access).status()).isEqualTo(404);
    }

    @Test
    void adminChangesSettingsAndBudgetsWhileUsersOnlyRead() {
        assertThat(client.patch("/api/settings", api.aliceToken, "{\"concurrency\":4}").json().get("concurrency").asInt()).isEqualTo(4);
        assertThat(client.get("/api/settings", api.bobToken).json().get("concurrency").asInt()).isEqualTo(4);
        assertThat(client.patch("/api/usage/budget", api.aliceToken, "{\"daily_limit_usd\":1.25}").json()
                .get("daily_limit_micros").asLong()).isEqualTo(1_250_000L);
        assertThat(client.patch("/api/usage/budget", api.bobToken, "{\"daily_limit_usd\":100}").status()).isEqualTo(403);
    }

    @Test
    void knowledgeBasesCanBeCreatedReindexedAndSearched() {
        Reply kb = client.post("/api/knowledge", api.bobToken, "{\"name\":\"Docs\",\"folder\":" + Json.mapper().valueToTree(api.knowledgeFolder()) + "}");
        assertThat(kb.status()).isEqualTo(201);
        String id = kb.json().get("id").asText();
        // creating starts the first indexing; a reindex while it runs is refused (409), so wait for it
        await().atMost(Duration.ofSeconds(30)).until(() -> !"INDEXING".equals(status(id)));

        assertThat(client.post("/api/knowledge/" + id + "/reindex", api.bobToken, null).status()).isEqualTo(202);
        Reply search = client.get("/api/knowledge/" + id + "/search?q=install&k=3", api.bobToken);
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().get("hits").size()).isLessThanOrEqualTo(3);
        assertThat(client.get("/api/knowledge/" + id + "/search", api.bobToken).field()).isEqualTo("q");
        assertThat(client.get("/api/knowledge", api.bobToken).json()).hasSize(1);
    }

    private String status(String kbId) {
        for (JsonNode kb : client.get("/api/knowledge", api.bobToken).json()) {
            if (kb.get("id").asText().equals(kbId)) {
                return kb.get("status").asText();
            }
        }
        return "missing";
    }

    @Test
    void servicesReportsHealthToAnySignedInUser() {
        api.services().monitor().checkNow().join();
        Reply reply = client.get("/api/services", api.bobToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("services")).anySatisfy(s -> assertThat(s.get("name").asText()).isEqualTo("ollama"));
    }
}
