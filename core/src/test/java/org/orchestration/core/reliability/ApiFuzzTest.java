package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import okhttp3.OkHttpClient;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;

/**
 * Fuzzes every route of the real {@link org.orchestration.core.api.ApiServer} (loopback HTTP,
 * Javalin + Jetty) over the real engine ({@link org.orchestration.core.testing.ApiTestFixture}):
 * whatever arrives — random JSON shapes, wrong types, huge and control-character strings, deep
 * nesting, broken JSON, odd query strings and headers, tokens of the wrong kind — the answer is
 * never a 5xx (unless the backend was told to fail with one), never leaks a class name or stack
 * frame, and every error is {@code {"detail": ...}}.
 */
class ApiFuzzTest {

    private static ApiTestFixture api;
    private static OkHttpClient http;
    private static Map<String, List<String>> bodyFields;
    private static String taskId;

    @BeforeContainer
    static void start() throws Exception {
        ApiOptions.Limit generous = new ApiOptions.Limit(1_000_000, Duration.ofMinutes(1));
        api = new ApiTestFixture(o -> o.withPlanLimit(generous), 1_000);
        http = ApiFuzz.client();
        bodyFields = ApiFuzz.bodyFields(Json.mapper().readTree(api.client.get("/api/openapi.json", null).body()),
                api.server.routes());
        String project = api.createProject(api.aliceToken, "fuzz");
        api.client.post("/api/projects/" + project + "/plan", api.aliceToken, null);
        api.awaitPlan(project);
        api.client.post("/api/projects/" + project + "/plan/approve", api.aliceToken, null);
        taskId = api.tasksOf(project).get(0).id();
    }

    @AfterContainer
    static void stop() {
        api.close();
    }

    /** A deliberate upstream failure a real service may report (a provider or Ollama being down). */
    static final class UpstreamDown extends AppException {
        private final int status;

        UpstreamDown(int status) {
            super("The model service is unavailable; try again later.");
            this.status = status;
        }

        @Override
        public int status() {
            return status;
        }
    }

    @Provide
    Arbitrary<ApiFuzz.FuzzRequest> requests() {
        return arbitrary();
    }

    static Arbitrary<ApiFuzz.FuzzRequest> arbitrary() {
        return ApiFuzz.requests(api.server.routes(), bodyFields);
    }

    @Property(tries = 600, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void anyRequestToAnyRouteIsAnsweredWithoutAServerErrorOrALeak(@ForAll("requests") ApiFuzz.FuzzRequest request)
            throws Exception {
        sendAndCheck(request);
    }


    static void sendAndCheck(ApiFuzz.FuzzRequest generated) {
        ApiFuzz.FuzzRequest request = resolve(generated);
        List<Integer> allowed = injectFailureSometimes();
        try {
            assertThat(ApiFuzz.exchange(http, api.server.baseUrl(), request, allowed)).isNull();
        } finally {
            api.failNextCallWith(null);
        }
    }

    /** One request in ten meets a backend that fails on purpose: 502, 503, or an unexpected exception (500). */
    private static List<Integer> injectFailureSometimes() {
        int dice = ThreadLocalRandom.current().nextInt(30);
        switch (dice) {
            case 0 -> api.failNextCallWith(new UpstreamDown(502));
            case 1 -> api.failNextCallWith(new UpstreamDown(503));
            case 2 -> api.failNextCallWith(new IllegalStateException(
                    "java.sql.SQLException: [SQLITE_BUSY] at org.orchestration.core.db.Database.update(Database.java:42)"));
            default -> {
                return List.of();
            }
        }
        return List.of(500, 502, 503);
    }

    private static ApiFuzz.FuzzRequest resolve(ApiFuzz.FuzzRequest r) {
        String project = r.path().contains(ApiFuzz.PROJECT) ? api.createProject(api.aliceToken, "p") : null;
        UnaryOperator<String> fill = s -> {
            if (s == null) {
                return null;
            }
            String out = s;
            if (project != null) {
                out = out.replace(ApiFuzz.PROJECT, project);
            }
            if (out.contains(ApiFuzz.SSE)) {
                String target = project != null ? project : api.createProject(api.aliceToken, "p");
                out = out.replace(ApiFuzz.SSE, api.issue(TokenKind.SSE, api.alice, target));
            }
            return out.replace(ApiFuzz.TASK, taskId)
                    .replace(ApiFuzz.ALICE, api.aliceToken)
                    .replace(ApiFuzz.BOB, api.bobToken)
                    .replace(ApiFuzz.EXPIRED, api.expiredAccessToken(api.alice))
                    .replace(ApiFuzz.REFRESH, api.issue(TokenKind.REFRESH, api.alice, null));
        };
        return new ApiFuzz.FuzzRequest(r.method(), r.routeKey(), fill.apply(r.path()),
                r.query().stream().map(e -> Map.entry(fill.apply(e.getKey()), fill.apply(e.getValue()))).toList(),
                r.headers(), r.body(), r.contentType(), fill.apply(r.auth()));
    }
}
