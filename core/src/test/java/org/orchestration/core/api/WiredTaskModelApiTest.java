package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.WiredServices;

/**
 * {@code PATCH /api/tasks/{id}} with {@code model}, over a real loopback socket on the real
 * services: a task approved from a plan (routed to anthropic / claude-sonnet-4-6) can be switched
 * to another priced model of its provider while it does not run.
 */
class WiredTaskModelApiTest {

    private static final String PLAN_JSON = """
            {"summary": "Bakery site", "tasks": [
              {"title": "Write the copy", "description": "Texts for the page", "task_type": "writing", "complexity": "medium", "depends_on": []}]}
            """;

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiTestClient client;
    private String mine;
    private String theirs;
    private String admin;
    private String taskId;

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        ApiServer server = s.startServer();
        client = new ApiTestClient(server.baseUrl());
        admin = registerAndLogin("owner@example.com");
        mine = registerAndLogin("me@example.com");
        theirs = registerAndLogin("other@example.com");
        User me = s.auth.authenticator().authenticateBearer(mine);
        s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 100, 0, 0));
        String project = s.projects.create(me, "Site", "A one-page site.").id();
        taskId = s.decomposer.approve(me, s.planner.generatePlan(me, project, CancellationToken.none()).id()).taskIds().get(0);
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    private String registerAndLogin(String email) {
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"a long passphrase\"}";
        Reply registered = client.post("/api/auth/register", null,
                "{\"email\":\"" + email + "\",\"password\":\"a long passphrase\",\"display_name\":\"Someone\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return client.post("/api/auth/login", null, credentials).json().get("access_token").asText();
    }

    @Test
    void theOwnerSwitchesAPendingTaskToAnotherPricedModelOfItsProvider() {
        assertThat(client.get("/api/tasks/" + taskId, mine).json().get("task").get("model").asText()).isEqualTo("claude-sonnet-4-6");

        Reply changed = client.patch("/api/tasks/" + taskId, mine, "{\"model\":\"claude-haiku-4-5\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(changed.json().get("provider").asText()).isEqualTo("anthropic");
        assertThat(s.tasks.get(s.auth.authenticator().authenticateBearer(mine), taskId).task().model()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void anAdminMayChangeAnotherUsersTaskModel() {
        Reply changed = client.patch("/api/tasks/" + taskId, admin, "{\"model\":\"claude-opus-4-5\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("model").asText()).isEqualTo("claude-opus-4-5");
    }

    @Test
    void anUnknownModelIs400NamingModelAndTheTaskKeepsItsModel() {
        Reply refused = client.patch("/api/tasks/" + taskId, mine, "{\"model\":\"gpt-4o\",\"priority\":7}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("model");
        assertThat(refused.detail()).contains("anthropic").contains("claude-haiku-4-5");
        JsonNode task = client.get("/api/tasks/" + taskId, mine).json().get("task");
        assertThat(task.get("model").asText()).isEqualTo("claude-sonnet-4-6");
        assertThat(task.get("priority").asInt()).isNotEqualTo(7);
    }

    @Test
    void aModelOfAnotherProviderIsRefusedToo() {
        for (String model : List.of("simulated", "llama3.2")) {
            Reply refused = client.patch("/api/tasks/" + taskId, mine, "{\"model\":\"" + model + "\"}");
            assertThat(refused.status()).as(model).isEqualTo(400);
            assertThat(refused.field()).as(model).isEqualTo("model");
        }
    }

    @Test
    void theModelOfARunningTaskCannotBeChanged() {
        s.db.update("UPDATE tasks SET status = 'RUNNING' WHERE id = ?", taskId);

        Reply refused = client.patch("/api/tasks/" + taskId, mine, "{\"model\":\"claude-haiku-4-5\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains("RUNNING");
    }

    @Test
    void theModelOfACompletedTaskCannotBeChanged() {
        s.db.update("UPDATE tasks SET status = 'COMPLETED' WHERE id = ?", taskId);

        assertThat(client.patch("/api/tasks/" + taskId, mine, "{\"model\":\"claude-haiku-4-5\"}").status()).isEqualTo(409);
    }

    @Test
    void anotherUsersTaskModelCannotBeChanged() {
        Reply refused = client.patch("/api/tasks/" + taskId, theirs, "{\"model\":\"claude-haiku-4-5\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(client.get("/api/tasks/" + taskId, mine).json().get("task").get("model").asText()).isEqualTo("claude-sonnet-4-6");
    }

    @Test
    void openApiDescribesTheModelField() {
        var schema = client.get("/api/openapi.json", null).json().get("components").get("schemas").get("TaskUpdate");

        assertThat(schema.get("properties").get("model").get("type").asText()).isEqualTo("string");
        assertThat(schema.get("properties").get("model").get("description").asText()).contains("priced model");
    }
}
