package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;

/**
 * Seed 4.1 bounds, each at 0, negative (numbers), the maximum and one past it, through the real
 * server: accepted values reach the service, refused ones are 400 naming the field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBoundsTest {

    private ApiTestFixture api;
    private String projectId;
    private String taskId;

    @BeforeAll
    void start() {
        api = new ApiTestFixture(o -> o, 10);
        projectId = api.createProject(api.aliceToken, "bounds");
        api.client.post("/api/projects/" + projectId + "/plan", api.aliceToken, null);
        api.awaitPlan(projectId);
        api.client.post("/api/projects/" + projectId + "/plan/approve", api.aliceToken, null);
        taskId = api.tasksOf(projectId).get(0).id();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** field, value, accepted? */
    Stream<Arguments> taskFields() {
        return Stream.of(
                Arguments.of("max_tokens", 0, false),
                Arguments.of("max_tokens", -1, false),
                Arguments.of("max_tokens", 1, true),
                Arguments.of("max_tokens", 32_768, true),
                Arguments.of("max_tokens", 32_769, false),
                Arguments.of("priority", 0, true),
                Arguments.of("priority", -1, false),
                Arguments.of("priority", 100, true),
                Arguments.of("priority", 101, false),
                Arguments.of("title", "", false),
                Arguments.of("title", "t".repeat(500), true),
                Arguments.of("title", "t".repeat(501), false),
                Arguments.of("description", "", true),
                Arguments.of("description", "d".repeat(10_000), true),
                Arguments.of("description", "d".repeat(10_001), false));
    }

    @ParameterizedTest(name = "task {0} = {1} accepted: {2}")
    @MethodSource("taskFields")
    void taskUpdateBounds(String field, Object value, boolean accepted) {
        Reply reply = api.client.patch("/api/tasks/" + taskId, api.aliceToken, body(field, value));

        assertOutcome(reply, field, accepted);
    }

    Stream<Arguments> projectFields() {
        return Stream.of(
                Arguments.of("name", "", false),
                Arguments.of("name", "n".repeat(200), true),
                Arguments.of("name", "n".repeat(201), false),
                Arguments.of("requirements", "", true),
                // the requirements' limit is configurable: the project service checks it (WiredRequirementsLimitTest)
                Arguments.of("requirements", "r".repeat(50_000), true),
                Arguments.of("budget_limit_usd", 0, true),
                Arguments.of("budget_limit_usd", -1, false));
    }

    @ParameterizedTest(name = "project update {0} = {1} accepted: {2}")
    @MethodSource("projectFields")
    void projectUpdateBounds(String field, Object value, boolean accepted) {
        Reply reply = api.client.patch("/api/projects/" + projectId, api.aliceToken, body(field, value));

        assertOutcome(reply, field, accepted);
    }

    @ParameterizedTest(name = "project create {0} = {1} accepted: {2}")
    @MethodSource("projectFields")
    void projectCreateBounds(String field, Object value, boolean accepted) {
        String json = field.equals("name") ? body(field, value)
                : "{\"name\":\"p\"," + body(field, value).substring(1);

        Reply reply = api.client.post("/api/projects", api.aliceToken, json);

        assertThat(reply.status()).as(reply.body()).isEqualTo(accepted ? 201 : 400);
        if (!accepted) {
            assertThat(reply.field()).isEqualTo(field);
        }
    }

    Stream<Arguments> passwords() {
        return Stream.of(
                Arguments.of("", false),
                Arguments.of("p".repeat(128), true),
                Arguments.of("p".repeat(129), false));
    }

    @ParameterizedTest(name = "register password of {0} characters accepted: {1}")
    @MethodSource("passwords")
    void registerPasswordBounds(String password, boolean accepted) {
        String json = "{\"email\":\"user" + System.nanoTime() + "@example.com\",\"password\":\"" + password + "\"}";

        Reply reply = api.client.post("/api/auth/register", null, json);

        assertThat(reply.status()).as(reply.body()).isEqualTo(accepted ? 201 : 400);
        if (!accepted) {
            assertThat(reply.field()).isEqualTo("password");
        }
    }

    @ParameterizedTest(name = "login password of {0} characters accepted: {1}")
    @MethodSource("passwords")
    void loginPasswordBounds(String password, boolean accepted) {
        Reply reply = api.client.post("/api/auth/login", null,
                "{\"email\":\"alice@example.com\",\"password\":\"" + password + "\"}");

        // accepted shape -> the service decides (wrong password: 401); refused shape -> 400 naming password
        assertThat(reply.status()).as(reply.body()).isEqualTo(accepted ? 401 : 400);
        if (!accepted) {
            assertThat(reply.field()).isEqualTo("password");
        }
    }

    Stream<Arguments> searchK() {
        return Stream.of(Arguments.of("0", false), Arguments.of("-1", false), Arguments.of("50", true),
                Arguments.of("51", false), Arguments.of("five", false));
    }

    @ParameterizedTest(name = "search k = {0} accepted: {1}")
    @MethodSource("searchK")
    void searchKBounds(String k, boolean accepted) {
        String kb = api.client.post("/api/knowledge", api.aliceToken, "{\"name\":\"kb\",\"folder\":" + Json.mapper().valueToTree(api.knowledgeFolder()) + "}").json().get("id").asText();

        Reply reply = api.client.get("/api/knowledge/" + kb + "/search?q=x&k=" + k, api.aliceToken);

        assertOutcome(reply, "k", accepted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+400", "-1E+400", "1e309"})
    void aDollarAmountTooLargeForADoubleIs400NamingTheField(String amount) {
        Reply reply = api.client.patch("/api/usage/budget", api.aliceToken, "{\"daily_limit_usd\":" + amount + "}");

        assertOutcome(reply, "daily_limit_usd", false);
    }

    private static String body(String field, Object value) {
        return Json.mapper().createObjectNode().set(field, Json.mapper().valueToTree(value)).toString();
    }

    private static void assertOutcome(Reply reply, String field, boolean accepted) {
        if (accepted) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        } else {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.field()).isEqualTo(field);
            assertThat(reply.detail()).startsWith(field);
        }
    }
}
