package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestration.core.api.AuthRequirement.BEARER;
import static org.orchestration.core.api.AuthRequirement.NONE;
import static org.orchestration.core.api.AuthRequirement.SSE_TOKEN;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;

/**
 * Every route of the server, called with every kind of wrong credential. The table below is the
 * test's own list: a route the server registers that is not listed here (or the reverse) fails
 * {@link #theServerRegistersExactlyTheRoutesThisTestKnows()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRouteTableTest {

    /** What bob (a plain user) gets when he calls a route on alice's resources. */
    private record Expect(String method, String path, AuthRequirement auth, int otherUser, String body) {
        String key() {
            return method + " " + path;
        }
    }

    private static final List<Expect> TABLE = List.of(
            new Expect("POST", "/api/auth/register", NONE, 0, null),
            new Expect("POST", "/api/auth/login", NONE, 0, null),
            new Expect("POST", "/api/auth/refresh", NONE, 0, null),
            new Expect("GET", "/api/auth/me", BEARER, 200, null),
            new Expect("GET", "/api/projects", BEARER, 200, null),
            new Expect("POST", "/api/projects", BEARER, 201, "{\"name\":\"bob's\"}"),
            new Expect("GET", "/api/projects/{id}", BEARER, 403, null),
            new Expect("PATCH", "/api/projects/{id}", BEARER, 403, "{\"name\":\"renamed\"}"),
            new Expect("DELETE", "/api/projects/{id}", BEARER, 403, null),
            new Expect("POST", "/api/projects/{id}/plan", BEARER, 403, null),
            new Expect("GET", "/api/projects/{id}/plan", BEARER, 403, null),
            new Expect("POST", "/api/projects/{id}/plan/approve", BEARER, 403, null),
            new Expect("POST", "/api/projects/{id}/execute", BEARER, 403, null),
            new Expect("POST", "/api/projects/{id}/pause", BEARER, 403, null),
            new Expect("POST", "/api/projects/{id}/cancel", BEARER, 403, null),
            new Expect("GET", "/api/projects/{id}/tasks", BEARER, 403, null),
            new Expect("GET", "/api/tasks/{id}", BEARER, 403, null),
            new Expect("PATCH", "/api/tasks/{id}", BEARER, 403, "{\"priority\":10}"),
            new Expect("POST", "/api/tasks/{id}/retry", BEARER, 403, null),
            new Expect("GET", "/api/usage/summary", BEARER, 200, null),
            new Expect("GET", "/api/usage/by-project", BEARER, 200, null),
            new Expect("GET", "/api/usage/budget", BEARER, 200, null),
            new Expect("PATCH", "/api/usage/budget", BEARER, 403, "{\"daily_limit_usd\":3}"),
            new Expect("GET", "/api/knowledge", BEARER, 200, null),
            new Expect("POST", "/api/knowledge", BEARER, 201, "{\"name\":\"kb\",\"folder\":{folder}}"),
            new Expect("POST", "/api/knowledge/{id}/reindex", BEARER, 403, null),
            new Expect("GET", "/api/knowledge/{id}/search", BEARER, 403, null),
            new Expect("GET", "/api/settings", BEARER, 200, null),
            new Expect("PATCH", "/api/settings", BEARER, 403, "{\"concurrency\":3}"),
            new Expect("GET", "/api/services", BEARER, 200, null),
            new Expect("POST", "/api/events/{project_id}/token", BEARER, 403, null),
            new Expect("GET", "/api/events/{project_id}", SSE_TOKEN, 401, null),
            new Expect("GET", "/api/openapi.json", NONE, 200, null));

    private ApiTestFixture api;
    private String projectId;
    private String taskId;
    private String knowledgeBaseId;

    @BeforeAll
    void start() {
        api = new ApiTestFixture();
        projectId = api.createProject(api.aliceToken, "alice's");
        assertThat(api.client.post("/api/projects/" + projectId + "/plan", api.aliceToken, null).status()).isEqualTo(202);
        api.awaitPlan(projectId);
        assertThat(api.client.post("/api/projects/" + projectId + "/plan/approve", api.aliceToken, null).status()).isEqualTo(200);
        taskId = api.tasksOf(projectId).get(0).id();
        knowledgeBaseId = api.client.post("/api/knowledge", api.aliceToken, "{\"name\":\"kb\",\"folder\":" + Json.mapper().valueToTree(api.knowledgeFolder()) + "}")
                .json().get("id").asText();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void theServerRegistersExactlyTheRoutesThisTestKnows() {
        Map<String, AuthRequirement> registered = api.server.routes().stream()
                .collect(Collectors.toMap(Route::key, Route::auth));
        Map<String, AuthRequirement> known = TABLE.stream().collect(Collectors.toMap(Expect::key, Expect::auth));

        assertThat(registered).isEqualTo(known);
    }

    Stream<Arguments> bearerRoutesTimesBadCredentials() {
        return TABLE.stream().filter(e -> e.auth() == BEARER).flatMap(e -> Stream.of(
                Arguments.of(e, "no token"), Arguments.of(e, "tampered access token"), Arguments.of(e, "expired access token"),
                Arguments.of(e, "refresh token"), Arguments.of(e, "SSE token"), Arguments.of(e, "empty bearer")));
    }

    @ParameterizedTest(name = "{0} with {1} -> 401")
    @MethodSource("bearerRoutesTimesBadCredentials")
    void everyBearerRouteRefusesBadCredentials(Expect route, String credential) {
        String token = switch (credential) {
            case "no token" -> null;
            case "tampered access token" -> tamper(api.aliceToken);
            case "expired access token" -> api.expiredAccessToken(api.alice);
            case "refresh token" -> api.issue(TokenKind.REFRESH, api.alice, null);
            case "SSE token" -> api.issue(TokenKind.SSE, api.alice, projectId);
            case "empty bearer" -> "";
            default -> throw new IllegalArgumentException(credential);
        };

        Reply reply = call(route, token);

        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.json().has("detail")).isTrue();
    }

    Stream<Expect> bearerRoutes() {
        return TABLE.stream().filter(e -> e.auth() == BEARER);
    }

    @ParameterizedTest(name = "{0} with another user's token")
    @MethodSource("bearerRoutes")
    void anotherUsersTokenGetsWhatTheServiceDecides(Expect route) {
        Reply reply = call(route, api.bobToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(route.otherUser());
    }

    @ParameterizedTest(name = "{0} with a personal API key")
    @MethodSource("bearerRoutes")
    void aPersonalApiKeyIsAcceptedLikeAnAccessToken(Expect route) {
        String apiKey = api.issue(TokenKind.API_KEY, api.bob, null);

        assertThat(call(route, apiKey).status()).isEqualTo(route.otherUser());
    }

    @Test
    void openRoutesNeedNoToken() {
        for (Expect route : TABLE.stream().filter(e -> e.auth() == NONE).toList()) {
            assertThat(call(route, null).status()).as(route.key()).isNotEqualTo(401).isLessThan(500);
        }
    }

    @Test
    void theEventStreamRefusesEveryCredentialButItsOwnSseToken() {
        String base = "/api/events/" + projectId + "?token=";
        String bobsProject = api.createProject(api.bobToken, "bob's stream");
        String expired = api.issue(TokenKind.SSE, api.alice, projectId);
        api.clock.advance(Duration.ofSeconds(61));
        try {
            assertThat(api.client.get("/api/events/" + projectId, null).status()).isEqualTo(401);
            assertThat(api.client.get("/api/events/" + projectId, api.aliceToken).status()).isEqualTo(401);
            assertThat(api.client.get(base + api.aliceToken, null).status()).isEqualTo(401);
            assertThat(api.client.get(base + api.issue(TokenKind.REFRESH, api.alice, null), null).status()).isEqualTo(401);
            assertThat(api.client.get(base + api.issue(TokenKind.API_KEY, api.alice, null), null).status()).isEqualTo(401);
            assertThat(api.client.get(base + tamper(api.issue(TokenKind.SSE, api.alice, projectId)), null).status()).isEqualTo(401);
            assertThat(api.client.get(base + expired, null).status()).isEqualTo(401);
            assertThat(api.client.get(base + api.issue(TokenKind.SSE, api.bob, bobsProject), null).status()).isEqualTo(401);
        } finally {
            api.clock.advance(Duration.ofSeconds(-61));
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsAuth() {
        Reply reply = api.client.get("/api/openapi.json", null);

        assertThat(reply.status()).isEqualTo(200);
        for (Expect route : TABLE) {
            var operation = reply.json().get("paths").get(route.path()).get(route.method().toLowerCase());
            assertThat(operation).as(route.key()).isNotNull();
            assertThat(operation.get("x-auth").asText()).as(route.key()).isEqualTo(route.auth().name());
        }
        var priority = reply.json().get("components").get("schemas").get("TaskUpdate").get("properties").get("priority");
        assertThat(priority.get("minimum").asInt()).isZero();
        assertThat(priority.get("maximum").asInt()).isEqualTo(100);
    }

    private Reply call(Expect route, String token) {
        String path = route.path()
                .replace("/api/projects/{id}", "/api/projects/" + projectId)
                .replace("/api/tasks/{id}", "/api/tasks/" + taskId)
                .replace("/api/knowledge/{id}", "/api/knowledge/" + knowledgeBaseId)
                .replace("{project_id}", projectId);
        if (path.endsWith("/search")) {
            path += "?q=hello";
        }
        String body = route.body() != null ? route.body().replace("{folder}", Json.mapper().valueToTree(api.knowledgeFolder()).toString())
                : route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
        return api.client.call(route.method(), path, token, body);
    }

    /**
     * The token with one signature character changed. Not the last one: in base64url its low bits
     * are padding, so changing 'a' to 'b' there can leave the signature bytes as they were.
     */
    private static String tamper(String token) {
        int i = token.length() - 5;
        char c = token.charAt(i);
        return token.substring(0, i) + (c == 'A' ? 'Q' : 'A') + token.substring(i + 1);
    }

}
