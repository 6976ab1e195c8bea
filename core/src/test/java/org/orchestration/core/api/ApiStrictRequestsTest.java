package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.RawHttp;
import org.orchestration.core.testing.RawHttp.Answer;

/**
 * What a hostile local client found: malformed escapes, NUL in a query, trailing bytes after a JSON
 * body, a body on DELETE and look-alike media types are each refused with a 4xx naming the problem,
 * never a 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiStrictRequestsTest {

    private ApiTestFixture api;
    private String projectId;
    private String host;

    @BeforeAll
    void start() {
        api = new ApiTestFixture();
        projectId = api.createProject(api.aliceToken, "strict");
        host = "Host: 127.0.0.1:" + api.server.port() + "\r\n";
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private Answer raw(String requestLineAndHeaders) {
        return RawHttp.exchange(api.server.port(), requestLineAndHeaders);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/projects/%u0041", "/api/projects/%u00", "/api/projects/a%u", "/api/projects/%"})
    void aMalformedPercentEscapeInThePathIsA400NamingIt(String path) {
        Answer answer = raw("GET " + path + " HTTP/1.1\r\n" + host + "Authorization: Bearer " + api.aliceToken + "\r\n\r\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).containsIgnoringCase("percent");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aNulInTheSearchQueryIsA400NamingTheParameter() {
        Reply reply = api.client.get("/api/knowledge/any/search?q=%00", api.aliceToken);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("q");
        assertThat(reply.detail()).contains("control character");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"name\":\"a\"} {\"name\":\"b\"}", "{\"name\":\"a\"}garbage", "{\"name\":\"a\"}]", "{\"name\":\"a\"}0"})
    void bytesAfterTheJsonObjectAreA400NamingThem(String body) {
        Reply reply = api.client.post("/api/projects", api.aliceToken, body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("body");
        assertThat(reply.detail()).contains("after the JSON object");
    }

    @Test
    void trailingWhitespaceIsFine() {
        Reply reply = api.client.post("/api/projects", api.aliceToken, "{\"name\":\"a\"}\r\n \t");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void aDeleteWithABodyIsA400AndDeletesNothing() {
        String doomed = api.createProject(api.aliceToken, "doomed");
        Reply reply = api.client.call("DELETE", "/api/projects/" + doomed, api.aliceToken, "{}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("body");
        assertThat(api.client.get("/api/projects/" + doomed, api.aliceToken).status()).isEqualTo(200);
    }

    @Test
    void aFieldSentToACommandThatReadsNoneIsA400NamingIt() {
        Reply reply = api.client.post("/api/projects/" + projectId + "/pause", api.aliceToken, "{\"force\":true}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("force");
    }

    @Test
    void anEmptyObjectSentToACommandIsAccepted() {
        Reply reply = api.client.post("/api/events/" + projectId + "/token", api.aliceToken, "{}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aGetWithABodyIsA400() {
        Request request = new Request.Builder().url(api.client.url("/api/projects")).header("Authorization", "Bearer " + api.aliceToken)
                .method("GET", null).header("Content-Length", "0").build();
        assertThat(api.client.send(request).status()).isEqualTo(200);
        Answer answer = raw("GET /api/projects HTTP/1.1\r\n" + host + "Authorization: Bearer " + api.aliceToken + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("body");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/jsonx", "application/json-patch+json", "application/jsonp", "text/json",
            "application/json; charset=latin1", "application/json; charset=", "application/json/x"})
    void aMediaTypeThatIsNotJsonIsA415(String contentType) {
        Reply reply = post(contentType, "{\"name\":\"x\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(415);
        assertThat(reply.detail()).contains("application/json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "application/json;", "application/json ; charset=\"utf-8\""})
    void jsonWithOrWithoutAUtf8CharsetIsAccepted(String contentType) {
        Reply reply = post(contentType, "{\"name\":\"x\"}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedBeforeItEnds() throws IOException {
        int over = (int) ApiOptions.loopbackDefaults().maxBodyBytes() + 1_000;
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/projects HTTP/1.1\r\n" + host + "Authorization: Bearer " + api.aliceToken + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(over) + "\r\n{\"name\":\"").getBytes(StandardCharsets.US_ASCII));
            out.write("a".repeat(over - 9).getBytes(StandardCharsets.US_ASCII));
            out.flush(); // the chunk is complete but the body is not: no last chunk follows
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    private Reply post(String contentType, String json) {
        // OkHttp would normalise a MediaType it parses; send the header exactly as given.
        Request request = new Request.Builder().url(api.client.url("/api/projects"))
                .header("Authorization", "Bearer " + api.aliceToken)
                .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), (MediaType) null))
                .header("Content-Type", contentType).build();
        return api.client.send(request);
    }
}
