package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;

class ApiRateLimitTest {

    private ApiTestFixture api;

    @BeforeEach
    void start() {
        api = new ApiTestFixture(o -> o, 10);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void loginAndRegisterAreNeverLimitedByClientAddressBecauseEveryLocalClientSharesOne() {
        // The account service limits sign-ins per email (ApiSignInLimitTest); the server takes
        // nothing from the per-address bucket for them, however many arrive from 127.0.0.1.
        for (int i = 0; i < 20; i++) {
            String wrong = "{\"email\":\"u" + i + "@example.com\",\"password\":\"wrong-password\"}";
            assertThat(api.client.post("/api/auth/login", null, wrong).status()).isEqualTo(401);
        }
        for (int i = 0; i < 20; i++) {
            String body = "{\"email\":\"new" + i + "@example.com\",\"password\":\"password-" + i + "\"}";
            assertThat(api.client.post("/api/auth/register", null, body).status()).isEqualTo(201);
        }

        Reply bob = api.client.post("/api/auth/login", null, "{\"email\":\"bob@example.com\",\"password\":\"bob-password\"}");

        assertThat(bob.status()).isEqualTo(200);
    }

    @Test
    void aFloodOfBadRefreshesFromLoopbackNeverStopsAnotherClientsRefresh() {
        // a refresh token is signed and checked against the database, so it cannot be guessed; a
        // per-address bucket would let any local program make everyone's refresh fail
        String refresh = api.client.post("/api/auth/login", null, "{\"email\":\"bob@example.com\",\"password\":\"bob-password\"}")
                .json().get("refresh_token").asText();
        String garbage = "{\"refresh_token\":\"not-a-token\"}";
        for (int i = 0; i < 50; i++) {
            assertThat(api.client.post("/api/auth/refresh", null, garbage).status()).isEqualTo(401);
        }

        Reply reply = api.client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void planGenerationIsLimitedToFivePerMinutePerUser() {
        // A new project each time: a project already PLANNING would refuse a second start (409) on its own.
        for (int i = 0; i < 5; i++) {
            String project = api.createProject(api.aliceToken, "p" + i);
            assertThat(api.client.post("/api/projects/" + project + "/plan", api.aliceToken, null).status()).isEqualTo(202);
        }

        Reply sixth = api.client.post("/api/projects/" + api.createProject(api.aliceToken, "p5") + "/plan", api.aliceToken, null);

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void oneUsersPlanLimitDoesNotTouchAnothers() {
        String alices = api.createProject(api.aliceToken, "a");
        for (int i = 0; i < 6; i++) {
            api.client.post("/api/projects/" + alices + "/plan", api.aliceToken, null);
        }
        String bobs = api.createProject(api.bobToken, "b");

        assertThat(api.client.post("/api/projects/" + bobs + "/plan", api.bobToken, null).status()).isEqualTo(202);
    }
}
