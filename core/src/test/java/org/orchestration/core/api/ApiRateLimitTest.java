package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;

class ApiRateLimitTest {

    private ApiTestFixture api;

    @BeforeEach
    void start() {
        api = new ApiTestFixture(o -> o.withAuthLimit(new ApiOptions.Limit(3, Duration.ofMinutes(1))), 10);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void loginAttemptsBeyondTheLimitGet429WithRetryAfter() {
        String wrong = "{\"email\":\"alice@example.com\",\"password\":\"wrong\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(api.client.post("/api/auth/login", null, wrong).status()).isEqualTo(401);
        }

        Reply reply = api.client.post("/api/auth/login", null, wrong);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(reply.detail()).contains("Try again");
    }

    @Test
    void registerSharesTheClientsAuthBucket() {
        for (int i = 0; i < 3; i++) {
            api.client.post("/api/auth/register", null, "{\"email\":\"u" + i + "@example.com\",\"password\":\"password-" + i + "\"}");
        }

        Reply reply = api.client.post("/api/auth/register", null, "{\"email\":\"late@example.com\",\"password\":\"password-x\"}");

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isNotNull();
    }

    @Test
    void planGenerationIsLimitedToFivePerMinutePerUser() {
        String project = api.createProject(api.aliceToken, "p");
        for (int i = 0; i < 5; i++) {
            assertThat(api.client.post("/api/projects/" + project + "/plan", api.aliceToken, null).status()).isEqualTo(202);
        }

        Reply sixth = api.client.post("/api/projects/" + project + "/plan", api.aliceToken, null);

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
