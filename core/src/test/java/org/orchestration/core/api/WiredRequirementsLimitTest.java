package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.WiredServices;

/**
 * The requirements' length limit is the engine's configured one ({@code planning.max_requirements_chars}),
 * checked by the project service, not a number of the API's own: through the real loopback API on the
 * real services, the configured limit is accepted and one character more is refused naming the field.
 */
class WiredRequirementsLimitTest {

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiTestClient client;
    private String token;

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        ApiServer server = s.startServer();
        client = new ApiTestClient(server.baseUrl());
        client.post("/api/auth/register", null, "{\"email\":\"me@example.com\",\"password\":\"a long passphrase\"}");
        token = client.post("/api/auth/login", null, "{\"email\":\"me@example.com\",\"password\":\"a long passphrase\"}")
                .json().get("access_token").asText();
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void theConfiguredLimitIsAcceptedAndOneCharacterMoreIsRefusedByTheService() {
        int limit = s.config.planning().maxRequirementsChars();

        Reply atLimit = client.post("/api/projects", token, "{\"name\":\"At the limit\",\"requirements\":\"" + "r".repeat(limit) + "\"}");
        Reply over = client.post("/api/projects", token, "{\"name\":\"Over\",\"requirements\":\"" + "r".repeat(limit + 1) + "\"}");
        String id = atLimit.json().get("id").asText();
        Reply patchedOver = client.patch("/api/projects/" + id, token, "{\"requirements\":\"" + "r".repeat(limit + 1) + "\"}");

        assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(201);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("field").asText()).isEqualTo("requirements");
        assertThat(over.json().get("detail").asText()).isEqualTo("requirements must be at most " + limit + " characters (was " + (limit + 1) + ").");
        assertThat(patchedOver.status()).isEqualTo(400);
        assertThat(patchedOver.json().get("field").asText()).isEqualTo("requirements");
    }
}
