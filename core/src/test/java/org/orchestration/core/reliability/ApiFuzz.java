package org.orchestration.core.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orchestration.core.api.Route;
import org.orchestration.core.json.Json;

/**
 * Generators and checks for fuzzing the API over real loopback HTTP: any route of the route
 * table, any path parameter, query string, header set and body (well-formed JSON of random
 * shape, the route's own fields with wrong or extreme values, or bytes that are not JSON).
 * The invariant checked on every answer is {@link #check}.
 */
final class ApiFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final MediaType JSON = MediaType.get("application/json");
    /** What must never appear in an answer: stack frames, Java class/package names, SQL errors. */
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)|\\w+(Exception|Error)\\b|\\bjava\\.|\\bjavax\\.|org\\.orchestration"
                    + "|org\\.eclipse|io\\.javalin|com\\.fasterxml|org\\.sqlite|SQLITE_|\\bSQL error", Pattern.CASE_INSENSITIVE);

    /** One generated request; {@code path} already has its parameters filled in. */
    record FuzzRequest(String method, String routeKey, String path, List<Map.Entry<String, String>> query,
                       List<Map.Entry<String, String>> headers, String body, String contentType, String auth) {

        @Override
        public String toString() {
            String shownBody = body == null ? "null" : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + ")" : body;
            String all = printable(method + " " + path + " query=" + query + " headers=" + headers + " auth=" + auth
                    + " type=" + contentType + " body=" + shownBody);
            return all.length() > 3_000 ? all.substring(0, 3_000) + "...(" + all.length() + " chars)" : all;
        }
    }

    /** A server answer: status, content type and body (not read for a live event stream). */
    record Answer(int status, String contentType, String body) {
    }

    private ApiFuzz() {
    }

    // ------------------------------------------------------------------ generators

    /** Strings that hurt: empty, whitespace, control characters, NUL, RTL marks, emoji, surrogates, long. */
    static Arbitrary<String> nastyStrings() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(8)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("", " ", "\u0000", "\t\n", "null", "true", "-1", "0", "1e309",
                        "../../etc/passwd", "%00", "%", "a%2Fb", "'; DROP TABLE users; --", "\" OR 1=1", "\u202e\u202d",
                        "😀👍🏽", "\ud800", "\udc00x", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
                        "*", "\"", "NEAR(", "\\", "\r\n\r\n", "alice@example.com")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(100).ofMaxLength(20_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(50_000, 60_000).map(n -> "é".repeat(n))));
    }

    /** Arbitrary JSON values, nested up to {@code depth}. */
    static Arbitrary<JsonNode> jsonValues(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                nastyStrings().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1L << 53).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-320).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.of(new BigInteger("123456789012345678901234567890"), BigInteger.TWO.pow(200).negate())
                        .map(NODES::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("0.000000000000000000001"))
                        .map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<JsonNode> arrays = jsonValues(depth - 1).list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(nastyStrings().list().ofMaxSize(4), jsonValues(depth - 1).list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalars), net.jqwik.api.Tuple.of(1, arrays),
                net.jqwik.api.Tuple.of(1, objects));
    }

    /** A body built from the route's own field names (from the OpenAPI document) with random values, plus extras. */
    static Arbitrary<String> schemaBodies(List<String> fields) {
        if (fields.isEmpty()) {
            return jsonValues(2).map(JsonNode::toString);
        }
        return Combinators.combine(Arbitraries.of(fields).list().ofMaxSize(fields.size() + 1), jsonValues(1).list().ofSize(fields.size() + 1),
                        Arbitraries.integers().between(0, 2))
                .as((names, values, extras) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        o.set(names.get(i), values.get(i));
                    }
                    for (int i = 0; i < extras; i++) {
                        o.put("unexpected_" + i, i);
                    }
                    return o.toString();
                });
    }

    /** Bodies that are not (valid) JSON, or are JSON a parser may choke on. */
    static Arbitrary<String> brokenBodies() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a':1}", "nul", "tru", "\ufeff{}", "{}{}",
                        "{\"a\":1,}", "[1,2,,3]", "\"unterminated", "{\"a\":\"\\u12\"}", "{\"name\":\"x\"\u0000}", "NaN",
                        "{\"name\":1e99999999}", "{\"a\":--1}", "\u0000\u0001\u0002", "<xml/>", "name=x&y=z"),
                Arbitraries.integers().between(600, 5_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(600, 5_000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
                Arbitraries.integers().between(1, 3).map(n -> "{\"name\":\"" + "x".repeat(n * 700_000) + "\"}"),
                Arbitraries.strings().all().ofMaxLength(200));
    }

    /**
     * Nasty strings short enough for a URL: a request line past Jetty's 8 KB header buffer is refused
     * at the protocol level before any handler runs (and OkHttp cannot read that refusal while writing).
     */
    static Arbitrary<String> urlStrings() {
        return nastyStrings().filter(s -> s.length() <= 1_000);
    }

    static Arbitrary<List<Map.Entry<String, String>>> queries() {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("q", "k", "token", "access_token", "project_id", "last_event_id",
                "limit", "offset", "page"), urlStrings());
        return Combinators.combine(keys, urlStrings()).as(Map::entry).list().ofMaxSize(4);
    }

    /** Header values must be encodable on the wire: OkHttp sends non-ASCII as raw bytes when asked to. */
    static Arbitrary<List<Map.Entry<String, String>>> headers() {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(60).map(ApiFuzz::headerSafe),
                Arbitraries.of("", "0", "-1", "99999999999999999999", "null", "127.0.0.1", "http://evil.example",
                        "text/event-stream", "application/json; charset=latin1", "gzip"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1_000).ofMaxLength(4_000));
        Arbitrary<String> names = Arbitraries.of("Last-Event-ID", "Origin", "Host", "Accept", "Accept-Encoding",
                "X-Forwarded-For", "X-Real-IP", "Content-Encoding", "Access-Control-Request-Method", "X-Fuzz", "Cookie",
                "Transfer-Encoding");
        return Combinators.combine(names, values).as(Map::entry).list().ofMaxSize(3);
    }

    static String headerSafe(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f || c == '\t' ? c : '?');
        }
        return b.toString().strip();
    }

    static Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=utf-16",
                "*/*");
    }

    /** Placeholders the test resolves when sending (fresh ids and tokens need a live fixture). */
    static final String PROJECT = "$PROJECT";
    static final String TASK = "$TASK";
    static final String SSE = "$SSE";
    static final String ALICE = "$ALICE";
    static final String BOB = "$BOB";
    static final String EXPIRED = "$EXPIRED";
    static final String REFRESH = "$REFRESH";

    /** Requests to every route of {@code routes} (and a few to no route), of every shape above. */
    static Arbitrary<FuzzRequest> requests(List<Route> routes, Map<String, List<String>> bodyFields) {
        Arbitrary<String> ids = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(PROJECT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(TASK)), net.jqwik.api.Tuple.of(3, urlStrings()));
        Arbitrary<String> auth = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("Bearer " + ALICE)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just("Bearer " + BOB)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("Bearer " + EXPIRED, "Bearer " + REFRESH, "Bearer " + SSE, "Basic YTpi",
                        "Bearer", "Bearer ", "bearer " + ALICE, "Bearer " + "x".repeat(3_000), "Bearer " + ALICE + " extra")),
                net.jqwik.api.Tuple.of(1, urlStrings().map(s -> "Bearer " + headerSafe(s))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS");
        Arbitrary<Route> route = Arbitraries.of(routes);
        Arbitrary<String> json = jsonValues(3).map(JsonNode::toString);
        Arbitrary<String> broken = brokenBodies();
        Map<String, Arbitrary<String>> bodies = new HashMap<>();
        for (Route r : routes) {
            bodies.put(r.key(), Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(5, schemaBodies(bodyFields.getOrDefault(r.key(), List.of()))),
                    net.jqwik.api.Tuple.of(2, json),
                    net.jqwik.api.Tuple.of(2, broken),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null))));
        }
        return Combinators.combine(route, Arbitraries.integers().between(0, 99), methods, ids, queries(), headers(), auth,
                        contentTypes())
                .flatAs((r, dice, otherMethod, id, query, headers, authorization, contentType) -> {
                    String method = dice < 90 ? r.method().name() : otherMethod;
                    String path = dice >= 97 ? "/api/" + headerSafe(id).replace("$", "") + "/nowhere"
                            : r.path().replaceAll("\\{[a-z_]+}", Matcher.quoteReplacement(id));
                    List<Map.Entry<String, String>> q = new ArrayList<>(query);
                    if (r.path().startsWith("/api/events/{") && r.method().name().equals("GET") && dice % 3 == 0) {
                        q.add(Map.entry("token", SSE));
                    }
                    String a = authorization.isEmpty() ? null : authorization;
                    if (method.equals("GET") || method.equals("OPTIONS")) {
                        return Arbitraries.just(new FuzzRequest(method, r.key(), path, q, headers, null, contentType, a));
                    }
                    return bodies.get(r.key()).map(b -> new FuzzRequest(method, r.key(), path, q, headers, b, contentType, a));
                });
    }

    // ------------------------------------------------------------------ sending

    /**
     * A client with a fresh connection per request: a request the server refused at the protocol
     * level (bad header bytes, an oversized body) may close its connection, and one fuzz case must
     * not fail the next.
     */
    static OkHttpClient client() {
        return new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).retryOnConnectionFailure(false)
                .connectionPool(new okhttp3.ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    }

    static Answer send(OkHttpClient http, String baseUrl, FuzzRequest r) throws IOException {
        HttpUrl.Builder url = HttpUrl.get(baseUrl).newBuilder().encodedPath("/");
        for (String segment : r.path().substring(1).split("/", -1)) {
            url.addPathSegment(segment);
        }
        for (Map.Entry<String, String> q : r.query()) {
            url.addQueryParameter(q.getKey(), q.getValue());
        }
        Headers.Builder headers = new Headers.Builder();
        boolean hostSent = false;
        for (Map.Entry<String, String> h : r.headers()) {
            if (h.getKey().equals("Host") && hostSent) {
                continue; // a second Host header is refused by Jetty's parser too (see validHost)
            }
            hostSent |= h.getKey().equals("Host");
            if (h.getKey().equals("Transfer-Encoding") || h.getKey().equals("Content-Encoding") && r.body() == null) {
                continue; // OkHttp frames the body itself; a conflicting header would be a client bug, not a server test
            }
            // A Host that is not even a valid authority is refused by Jetty's parser before our error page
            // can shape it (an empty 400 when the request has a body; see docs/RELIABILITY.md), so Host
            // values stay syntactically valid here and the fuzzing reaches the Host check of RequestGuard.
            String value = h.getKey().equals("Host") ? validHost(h.getValue()) : h.getValue();
            headers.addUnsafeNonAscii(h.getKey(), value);
        }
        if (r.auth() != null) {
            headers.addUnsafeNonAscii("Authorization", r.auth());
        }
        RequestBody body = null;
        if (r.body() != null) {
            MediaType type = r.contentType().isEmpty() ? null : MediaType.parse(r.contentType());
            body = RequestBody.create(r.body().getBytes(StandardCharsets.UTF_8), type == null ? JSON : type);
        } else if (!r.method().equals("GET") && !r.method().equals("DELETE")) {
            body = RequestBody.create(new byte[0], JSON);
        }
        Request request = new Request.Builder().url(url.build()).headers(headers.build()).method(r.method(), body).build();
        try (Response response = http.newCall(request).execute()) {
            String type = response.header("Content-Type", "");
            if (response.code() == 200 && type.startsWith("text/event-stream")) {
                return new Answer(200, type, ""); // a live stream: the headers are the answer; closing ends it
            }
            return new Answer(response.code(), type, response.body() == null ? "" : response.body().string());
        }
    }

    /** Control and non-ASCII characters as \\uXXXX, so a failing sample can be read in any report. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }

    /** A syntactically valid authority made from a generated value (host name letters only, no port). */
    static String validHost(String value) {
        String host = value.replaceAll("[^A-Za-z0-9.-]", "");
        return host.isEmpty() ? "example.com" : host;
    }

    static long bodyBytes(FuzzRequest r) {
        return r.body() == null ? 0 : r.body().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Sends and checks one request; returns null when the answer is fine, else what is wrong.
     * A connection closed while sending is accepted only for a body over the 1 MB limit: Jetty
     * answers 413 and closes as soon as Content-Length is over it, and a client still writing the
     * rest sees a broken pipe instead of the answer.
     */
    static String exchange(OkHttpClient http, String baseUrl, FuzzRequest request, List<Integer> allowedServerErrors) {
        Answer answer;
        try {
            answer = send(http, baseUrl, request);
        } catch (IOException e) {
            return bodyBytes(request) > 1024L * 1024L ? null : "connection failed (" + e + ") on " + request;
        } catch (IllegalStateException e) {
            return "client failed (" + e + ") on " + request;
        }
        String problem = check(request, answer, allowedServerErrors);
        return problem == null ? null : problem + "\n  request: " + request;
    }

    // ------------------------------------------------------------------ the invariant

    /**
     * Never a 5xx (but the statuses the backend was told to fail with), never a leaked class name
     * or stack frame, and every error is a JSON object with a string {@code detail}.
     *
     * @return null when the answer is fine, else what is wrong with it
     */
    static String check(FuzzRequest request, Answer answer, List<Integer> allowedServerErrors) {
        if (answer.status() >= 500 && !allowedServerErrors.contains(answer.status())) {
            return "server error " + answer.status() + ": " + answer.body();
        }
        if (answer.status() >= 400) {
            if (LEAK.matcher(answer.body()).find() && !LEAK.matcher(request.toString()).find()) {
                return "leaks internals: " + answer.body();
            }
            JsonNode json;
            try {
                json = Json.mapper().readTree(answer.body());
            } catch (IOException e) {
                return "error body is not JSON (" + answer.status() + "): " + answer.body();
            }
            if (json == null || !json.isObject() || !json.path("detail").isTextual() || json.get("detail").asText().isBlank()) {
                return "error body has no {\"detail\": text} (" + answer.status() + "): " + answer.body();
            }
            if (!answer.contentType().startsWith("application/json")) {
                return "error content type is " + answer.contentType();
            }
        }
        return null;
    }

    /** The request body fields of each route ("POST /api/projects" -> [name, requirements, ...]) from openapi.json. */
    static Map<String, List<String>> bodyFields(JsonNode openApi, List<Route> routes) {
        Map<String, List<String>> out = new HashMap<>();
        for (Route route : routes) {
            JsonNode op = openApi.path("paths").path(route.path()).path(route.method().name().toLowerCase(Locale.ROOT));
            String ref = op.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText("");
            List<String> fields = new ArrayList<>();
            if (!ref.isEmpty()) {
                JsonNode schema = openApi.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
                for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
                    fields.add(it.next());
                }
            }
            out.put(route.key(), fields);
        }
        return out;
    }
}
