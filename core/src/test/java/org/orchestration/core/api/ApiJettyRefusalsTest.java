package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.RawHttp;

/**
 * Requests Jetty refuses before any API handler runs — and those it refuses while a handler reads
 * the body — sent byte for byte over a plain socket: every one is answered with its status and the
 * API's {@code {"detail": ...}} JSON, whatever the method or {@code Accept} header, and no body ever
 * names a Java class or shows a stack frame.
 */
class ApiJettyRefusalsTest {

    private static ApiTestFixture api;
    private static String host;

    @BeforeAll
    static void start() {
        api = new ApiTestFixture();
        host = "Host: 127.0.0.1:" + api.server.port() + "\r\n";
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static final String BIG = "X-Big: " + "a".repeat(20_000) + "\r\n";
    private static final String JSON_BODY = "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    static Stream<Arguments> refusals() {
        String h = "HOST";
        return Stream.of(
                Arguments.of("headers over the limit", 431, "GET /api/projects HTTP/1.1\r\n" + h + BIG + "\r\n"),
                Arguments.of("headers over the limit, with a body", 431, "POST /api/projects HTTP/1.1\r\n" + h + BIG + JSON_BODY),
                Arguments.of("headers over the limit on PATCH", 431, "PATCH /api/tasks/1 HTTP/1.1\r\n" + h + BIG + JSON_BODY),
                Arguments.of("headers over the limit on DELETE", 431, "DELETE /api/projects/1 HTTP/1.1\r\n" + h + BIG + "\r\n"),
                Arguments.of("headers over the limit, asking for HTML", 431,
                        "GET /api/projects HTTP/1.1\r\n" + h + "Accept: text/html\r\n" + BIG + "\r\n"),
                Arguments.of("headers over the limit, with an Accept Jetty cannot serve", 431,
                        "PATCH /api/tasks/1 HTTP/1.1\r\n" + h + "Accept: x/y\r\nAccept-Charset: bogus\r\n" + BIG + JSON_BODY),
                Arguments.of("URI too long", 414, "GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("Host not an authority", 400, "GET /api/projects HTTP/1.1\r\nHost: http://evil.example\r\n\r\n"),
                Arguments.of("Host not an authority, with a body", 400,
                        "POST /api/projects HTTP/1.1\r\nHost: http://evil.example\r\n" + JSON_BODY),
                Arguments.of("Host with a space, on DELETE", 400, "DELETE /api/projects/1 HTTP/1.1\r\nHost: a b\r\n\r\n"),
                Arguments.of("duplicate Host", 400, "GET /api/projects HTTP/1.1\r\n" + h + h + "\r\n"),
                Arguments.of("duplicate Host, with a body", 400, "POST /api/projects HTTP/1.1\r\n" + h + h + JSON_BODY),
                Arguments.of("duplicate Host on OPTIONS", 400, "OPTIONS /api/projects HTTP/1.1\r\n" + h + h + "\r\n"),
                Arguments.of("missing Host", 400, "GET /api/projects HTTP/1.1\r\n\r\n"),
                Arguments.of("missing Host, with a body", 400, "POST /api/projects HTTP/1.1\r\n" + JSON_BODY),
                Arguments.of("request line without URI", 400, "GARBAGE\r\n\r\n"),
                Arguments.of("request line with an extra word", 400, "GET /api/projects HTTP/1.1 extra\r\n" + h + "\r\n"),
                Arguments.of("request line with an absolute URI to another host", 400,
                        "GET http://evil.example/api/projects HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("bad percent-encoding in the path", 400, "GET /api/projects/%zz HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("NUL in the path", 400, "GET /api/a%00b HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("path escaping the root", 400, "GET /api/../../etc/passwd HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("CONNECT", 400, "CONNECT 127.0.0.1:1 HTTP/1.1\r\n" + h + "\r\n"),
                Arguments.of("header line without a colon", 400, "GET /api/projects HTTP/1.1\r\n" + h + "BadHeader\r\n\r\n"),
                Arguments.of("control character in a header value", 400, "GET /api/projects HTTP/1.1\r\n" + h + "X: a\u0001b\r\n\r\n"),
                Arguments.of("folded header line", 400, "GET /api/projects HTTP/1.1\r\n" + h + " folded\r\n\r\n"),
                Arguments.of("Content-Length not a number", 400, "POST /api/projects HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n{}"),
                Arguments.of("two Content-Lengths", 400,
                        "POST /api/projects HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
                Arguments.of("Transfer-Encoding and Content-Length", 400, "POST /api/projects HTTP/1.1\r\n" + h
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
                Arguments.of("Transfer-Encoding not ending in chunked", 400,
                        "POST /api/projects HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\n{}"),
                Arguments.of("unsupported HTTP version", 505, "GET /api/projects HTTP/9.9\r\n" + h + "\r\n"),
                Arguments.of("HTTP/0.9 request line", 505, "GET /api/projects\r\n\r\n"),
                Arguments.of("HTTP/2 preface", 426, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                Arguments.of("unknown expectation", 417, "GET /api/projects HTTP/1.1\r\n" + h + "Expect: 100-continue-x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusals")
    void jettyRefusalsAreAnsweredWithTheirStatusAndAJsonDetail(String what, int status, String request) {
        RawHttp.Answer answer = RawHttp.exchange(api.server.port(), request.replace("HOST", host));

        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(answer.json().isObject()).as(what).isTrue();
        assertThat(answer.json().path("detail").asText()).as(what).isNotBlank();
        assertThat(answer.body()).as(what).doesNotContainIgnoringCase("exception").doesNotContain("jetty", "java.", "at org.");
    }

    @Test
    void theDetailsSayWhatWasWrong() {
        assertThat(detail(431, "GET /api/projects HTTP/1.1\r\nHOST" + BIG + "\r\n")).isEqualTo("The request headers are too large.");
        assertThat(detail(414, "GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHOST\r\n")).isEqualTo("The request URI is too long.");
        assertThat(detail(400, "GET /api/projects HTTP/1.1\r\nHOSTHOST\r\n")).contains("Duplicate Host");
        assertThat(detail(400, "GET /api/projects HTTP/1.1\r\n\r\n")).contains("No Host");
        assertThat(detail(400, "GET /api/projects HTTP/1.1\r\nHost: a b\r\n\r\n")).contains("Host");
        assertThat(detail(505, "GET /api/projects HTTP/9.9\r\nHOST\r\n")).contains("HTTP version");
    }

    @Test
    void aMalformedChunkedBodyReadByAHandlerIs400NamingTheBody() {
        RawHttp.Answer answer = RawHttp.exchange(api.server.port(), "POST /api/projects HTTP/1.1\r\n" + host
                + "Authorization: Bearer " + api.aliceToken + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("body");
        assertThat(answer.json().path("detail").asText()).contains("could not be read");
    }

    @Test
    void aHeadRequestRefusedByJettyGetsTheStatusWithoutABody() {
        RawHttp.Answer answer = RawHttp.exchange(api.server.port(), "HEAD /api/projects HTTP/1.1\r\n" + host + BIG + "\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEmpty();
    }

    private static String detail(int status, String request) {
        RawHttp.Answer answer = RawHttp.exchange(api.server.port(), request.replace("HOST", host));
        assertThat(answer.status()).isEqualTo(status);
        return answer.json().path("detail").asText();
    }
}
