package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.WiredServices;

/**
 * The fuzzing of {@link ApiFuzzTest} against the real services (branch wire's
 * the route table over {@link WiredServices}: real auth, projects, planning, executor, budget,
 * events, knowledge, settings on one SQLite file; the model server answers every call with a
 * small valid plan). Besides the answer invariants, the database stays consistent: checked every
 * 50 requests and at the end — {@code PRAGMA integrity_check} ok, {@code foreign_key_check}
 * empty, no project READY/RUNNING/PAUSED/COMPLETED without tasks, no APPROVED plan whose project
 * has no tasks, no usage row repeated.
 */
class WiredApiFuzzTest {

    private static final String PLAN = "{\"summary\":\"Fuzz\",\"tasks\":[{\"title\":\"One\",\"description\":\"Do it\","
            + "\"task_type\":\"writing\",\"complexity\":\"simple\",\"depends_on\":[]},{\"title\":\"Two\",\"description\":\"Then this\","
            + "\"task_type\":\"code\",\"complexity\":\"simple\",\"depends_on\":[0]}]}";

    private static Path dir;
    private static WiredServices s;
    private static ApiServer server;
    private static ApiTestClient client;
    private static OkHttpClient http;
    private static Map<String, List<String>> bodyFields;
    private static User alice;
    private static User bob;
    private static String aliceToken;
    private static String bobToken;
    private static String taskId = "no-task";
    private static final AtomicInteger sent = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("wired-fuzz");
        s = new WiredServices(dir);
        s.anthropic.server().setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                var m = Json.mapper().createObjectNode().put("id", "msg_fuzz").put("type", "message").put("role", "assistant")
                        .put("model", "claude-sonnet-4-6");
                m.putArray("content").addObject().put("type", "text").put("text", PLAN);
                m.put("stop_reason", "end_turn").putNull("stop_sequence");
                m.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(m.toString());
            }
        });
        ApiOptions.Limit generous = new ApiOptions.Limit(1_000_000, Duration.ofMinutes(1));
        server = ApiServer.start(ApiOptions.loopbackDefaults().withPlanLimit(generous), s.services(), s.background);
        client = new ApiTestClient(server.baseUrl());
        http = ApiFuzz.client();
        alice = s.user(Role.ADMIN);
        bob = s.user(Role.USER);
        aliceToken = s.auth.accessToken(alice);
        bobToken = s.auth.accessToken(bob);
        bodyFields = ApiFuzz.bodyFields(Json.mapper().readTree(client.get("/api/openapi.json", null).body()), server.routes());
        String project = createProject();
        client.post("/api/projects/" + project + "/plan", aliceToken, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.post("/api/projects/" + project + "/plan/approve", aliceToken, null)
                .status() == 200);
        taskId = s.db.queryOne("SELECT id FROM tasks WHERE project_id = ? LIMIT 1", rs -> rs.getString(1), project).orElse("no-task");
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            checkDatabase();
        } finally {
            server.close();
            s.close();
        }
    }

    @Provide
    Arbitrary<ApiFuzz.FuzzRequest> requests() {
        return arbitrary();
    }

    static Arbitrary<ApiFuzz.FuzzRequest> arbitrary() {
        return ApiFuzz.requests(server.routes(), bodyFields);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void anyRequestToTheRealServicesIsAnsweredWithoutAServerErrorOrALeakAndKeepsTheDatabaseConsistent(
            @ForAll("requests") ApiFuzz.FuzzRequest request) {
        sendAndCheck(request);
    }


    static void sendAndCheck(ApiFuzz.FuzzRequest generated) {
        ApiFuzz.FuzzRequest request = resolve(generated);
        // the real services never fail on purpose here, so no 5xx is allowed at all
        assertThat(ApiFuzz.exchange(http, server.baseUrl(), request, List.of())).isNull();
        if (sent.incrementAndGet() % 50 == 0) {
            checkDatabase();
        }
    }

    private static void checkDatabase() {
        assertThat(s.db.queryOne("PRAGMA integrity_check", rs -> rs.getString(1))).contains("ok");
        assertThat(s.db.query("PRAGMA foreign_key_check", rs -> rs.getString(1) + " row " + rs.getLong(2))).isEmpty();
        assertThat(s.db.query("SELECT id || ' ' || status FROM projects p WHERE status IN ('READY', 'RUNNING', 'PAUSED', 'COMPLETED') "
                + "AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.project_id = p.id)", rs -> rs.getString(1)))
                .as("projects past approval without tasks").isEmpty();
        assertThat(s.db.query("SELECT pl.id FROM plans pl JOIN projects p ON p.id = pl.project_id WHERE pl.status = 'APPROVED' "
                + "AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.plan_id = pl.id)", rs -> rs.getString(1)))
                .as("approved plans without their tasks").isEmpty();
        assertThat(s.db.queryLong("SELECT count(*) - count(DISTINCT idempotency_key) FROM usage_log")).isZero();
    }

    private static String createProject() {
        ApiTestClient.Reply reply = client.post("/api/projects", aliceToken, "{\"name\":\"fuzz\",\"requirements\":\"A small site.\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("create project failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("id").asText();
    }

    private static ApiFuzz.FuzzRequest resolve(ApiFuzz.FuzzRequest r) {
        String project = r.path().contains(ApiFuzz.PROJECT) ? createProject() : null;
        UnaryOperator<String> fill = v -> {
            if (v == null) {
                return null;
            }
            String out = project == null ? v : v.replace(ApiFuzz.PROJECT, project);
            if (out.contains(ApiFuzz.SSE)) {
                out = out.replace(ApiFuzz.SSE, s.auth.sseToken(alice, project != null ? project : createProject()));
            }
            if (out.contains(ApiFuzz.REFRESH)) {
                out = out.replace(ApiFuzz.REFRESH, s.auth.login(alice).refreshToken());
            }
            return out.replace(ApiFuzz.TASK, taskId).replace(ApiFuzz.ALICE, aliceToken).replace(ApiFuzz.BOB, bobToken)
                    .replace(ApiFuzz.EXPIRED, "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.x");
        };
        return new ApiFuzz.FuzzRequest(r.method(), r.routeKey(), fill.apply(r.path()),
                r.query().stream().map(e -> Map.entry(fill.apply(e.getKey()), fill.apply(e.getValue()))).toList(),
                r.headers(), r.body(), r.contentType(), fill.apply(r.auth()));
    }
}
