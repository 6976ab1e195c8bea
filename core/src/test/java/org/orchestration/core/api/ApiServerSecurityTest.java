package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestration.core.config.ConfigException;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.MutableClock;

class ApiServerSecurityTest {

    private static final String LISTED = "http://localhost:5173";
    private ApiTestFixture api;

    @BeforeEach
    void start() {
        api = new ApiTestFixture(o -> o.withCorsOrigins(List.of(LISTED)), 10);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.10", "localhost", "::", "example.com"})
    void refusesToBindAnythingButLoopback(String address) {
        ApiOptions options = ApiOptions.loopbackDefaults().withBindAddresses(List.of(address));

        assertThatThrownBy(() -> ApiServer.start(options, api.services(), api.engine.background()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("127.0.0.1 or ::1 only");
    }

    @Test
    void aPortInUseIsAClearStartupError() {
        ApiOptions taken = ApiOptions.loopbackDefaults().withPort(api.server.port());

        assertThatThrownBy(() -> ApiServer.start(taken, api.services(), api.engine.background()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("could not listen on [127.0.0.1] port " + api.server.port());
    }

    @Test
    void bindsTheLoopbackAddressOnAnEphemeralPort() {
        assertThat(api.server.port()).isPositive();
        assertThat(api.server.baseUrl()).isEqualTo("http://127.0.0.1:" + api.server.port());
        assertThat(api.client.get("/api/auth/me", api.aliceToken).status()).isEqualTo(200);
    }

    @Test
    void canAlsoListenOnIpv6LoopbackWithTheSamePort() {
        try (ApiTestFixture both = new ApiTestFixture(o -> o.withBindAddresses(List.of("127.0.0.1", "::1")), 10)) {
            int port = both.server.port();
            Request request = new Request.Builder().url("http://[::1]:" + port + "/api/auth/me")
                    .header("Authorization", "Bearer " + both.aliceToken).build();

            Reply reply = both.client.send(request);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(both.client.get("/api/auth/me", both.aliceToken).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example.com", "attacker.test:%d", "127.0.0.1", "localhost:1", "127.0.0.2:%d"})
    void refusesRequestsWhoseHostHeaderIsNotLoopbackWithOurPort(String host) {
        Request request = new Request.Builder().url(api.client.url("/api/auth/me"))
                .header("Host", host.formatted(api.server.port()))
                .header("Authorization", "Bearer " + api.aliceToken).build();

        Reply reply = api.client.send(request);

        assertThat(reply.status()).isEqualTo(421);
        assertThat(reply.detail()).contains("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:%d", "localhost:%d", "LOCALHOST:%d"})
    void acceptsLoopbackHostHeaders(String host) {
        Request request = new Request.Builder().url(api.client.url("/api/auth/me"))
                .header("Host", host.formatted(api.server.port()))
                .header("Authorization", "Bearer " + api.aliceToken).build();

        assertThat(api.client.send(request).status()).isEqualTo(200);
    }

    @Test
    void preflightFromAnUnlistedOriginIsRefused() {
        Reply reply = api.client.send(preflight(api.client, "http://evil.example.com", "POST", "authorization, content-type"));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void preflightFromAListedOriginIsAllowedWithTheFixedMethodsAndHeaders() {
        Reply reply = api.client.send(preflight(api.client, LISTED, "PATCH", "Authorization, Content-Type"));

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(LISTED);
        assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PATCH, DELETE, OPTIONS");
        assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("Authorization, Content-Type");
    }

    @Test
    void preflightAskingForAnotherHeaderIsRefused() {
        Reply reply = api.client.send(preflight(api.client, LISTED, "GET", "X-Custom"));

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void noOriginIsAllowedByDefault() {
        try (ApiTestFixture plain = new ApiTestFixture()) {
            Reply reply = plain.client.send(preflight(plain.client, LISTED, "GET", "authorization"));

            assertThat(reply.status()).isEqualTo(403);
        }
    }

    @Test
    void crossOriginRequestFromAListedOriginCarriesTheAllowOriginHeader() {
        Request request = new Request.Builder().url(api.client.url("/api/auth/me")).header("Origin", LISTED)
                .header("Authorization", "Bearer " + api.aliceToken).build();

        Reply reply = api.client.send(request);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(LISTED);
    }

    @Test
    void bodiesOverOneMegabyteGet413() {
        String big = "{\"name\":\"x\",\"requirements\":\"" + "a".repeat(1024 * 1024) + "\"}";

        Reply reply = api.client.post("/api/projects", api.aliceToken, big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.detail()).contains("larger than");
    }

    @Test
    void chunkedBodiesOverOneMegabyteGet413Too() {
        byte[] big = ("{\"name\":\"x\",\"requirements\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes();
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return MediaType.get("application/json");
            }

            @Override
            public long contentLength() {
                return -1; // unknown length: sent chunked, so only the server's read limit can stop it
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.write(big);
            }
        };
        Request request = new Request.Builder().url(api.client.url("/api/projects")).post(chunked)
                .header("Authorization", "Bearer " + api.aliceToken).build();

        Reply reply = api.client.send(request);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().has("detail")).isTrue();
    }

    @Test
    void unknownRoutesGetAJson404() {
        Reply reply = api.client.get("/api/nope", api.aliceToken);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.detail()).isEqualTo("No such endpoint: GET /api/nope");
    }

    @Test
    void refusalsFromJettyItselfAreJsonToo() {
        Reply bigHeaders = api.client.send(new Request.Builder().url(api.client.url("/api/projects"))
                .header("X-Big", "a".repeat(20_000)).build());
        Reply badPath = api.client.send(new Request.Builder().url(api.client.url("/api/projects/%zz"))
                .header("Authorization", "Bearer " + api.aliceToken).build());

        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(bigHeaders.body()).isEqualTo("{\"detail\":\"The request headers are too large.\"}");
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void unexpectedErrorsAre500WithoutAnyInternals() {
        api.failNextCallWith(new IllegalStateException("SELECT secret FROM users; at org.example.Foo"));

        Reply reply = api.client.get("/api/projects/some-id", api.aliceToken);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).isEqualTo("{\"detail\":\"Internal error\"}");
    }

    @Test
    void serviceExceptionsMapToTheirStatusWithTheirMessage() {
        Reply reply = api.client.get("/api/projects/does-not-exist", api.aliceToken);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"detail\":\"Project does-not-exist does not exist.\"}");
    }

    @Test
    void malformedJsonIs400NamingTheBody() {
        Reply reply = api.client.post("/api/projects", api.aliceToken, "{\"name\": ");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("body");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("jackson");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415() {
        Request formPost = new Request.Builder().url(api.client.url("/api/auth/register"))
                .post(RequestBody.create("{\"email\":\"x@example.com\",\"password\":\"12345678\"}", MediaType.get("text/plain")))
                .build();

        Reply reply = api.client.send(formPost);

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.detail()).contains("application/json");
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        String projectId = api.createProject(api.aliceToken, "p");

        Reply reply = api.client.patch("/api/projects/" + projectId, api.aliceToken, "{\"name\": 42}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("name");
        assertThat(reply.detail()).isEqualTo("name must be a string");
    }

    @Test
    void anUnknownFieldIs400NamingIt() {
        String projectId = api.createProject(api.aliceToken, "p");

        Reply reply = api.client.patch("/api/projects/" + projectId, api.aliceToken, "{\"owner_id\": \"me\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("owner_id");
    }

    @Test
    void aTokenInTheUrlOfABearerRouteIsRefused() {
        Reply reply = api.client.get("/api/projects?token=" + api.aliceToken, null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("token");
    }

    @Test
    void unauthorizedAnswersCarryAWwwAuthenticateHeader() {
        Reply reply = api.client.get("/api/projects", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private static Request preflight(ApiTestClient client, String origin, String method, String headers) {
        return new Request.Builder().url(client.url("/api/projects")).method("OPTIONS", null)
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).build();
    }
}
