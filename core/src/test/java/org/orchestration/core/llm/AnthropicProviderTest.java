package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.FakeAnthropicServer;
import org.orchestration.core.testing.ProviderCalls;
import org.orchestration.core.testing.TestDb;

class AnthropicProviderTest {

    private final HttpClients http = new HttpClients();
    private FakeAnthropicServer fake;
    private AnthropicProvider provider;

    @BeforeEach
    void start() {
        fake = FakeAnthropicServer.start();
        provider = new AnthropicProvider(http, fake.config("sk-test"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
        http.close();
    }

    private static ChatRequest ask(String text) {
        return new ChatRequest("claude-sonnet-4-6", "Be brief.", List.of(ChatMessage.user(text)), List.of(), 1024);
    }

    private static ToolSpec readFileTool() {
        return new ToolSpec("read_file", "Reads a file of the workspace",
                Json.mapper().createObjectNode().put("type", "object")
                        .<ObjectNode>set("properties", Json.mapper().createObjectNode()
                                .set("path", Json.mapper().createObjectNode().put("type", "string")))
                        .set("required", Json.mapper().createArrayNode().add("path")));
    }

    private ProviderException failure(ChatRequest request) {
        return ProviderCalls.failureOf(() -> provider.chat(request, CancellationToken.none()));
    }

    @Test
    void plainReplyReturnsTextUsageAndStopReason() {
        fake.enqueueText("Hello there.", new TokenUsage(412, 88, 0, 0));

        ChatResponse response = provider.chat(ask("Say hello"), CancellationToken.none());

        assertThat(response.text()).isEqualTo("Hello there.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(412, 88, 0, 0));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.model()).isEqualTo(FakeAnthropicServer.DEFAULT_MODEL);
    }

    @Test
    void requestCarriesKeyVersionAndTheMessagesApiBody() throws Exception {
        fake.enqueueText("ok");

        provider.chat(ask("Say hello"), CancellationToken.none());

        RecordedRequest request = fake.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeader("x-api-key")).isEqualTo("sk-test");
        assertThat(request.getHeader("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-6");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/0/content/0/text").asText()).isEqualTo("Say hello");
    }

    @Test
    void toolUseRoundTripSendsTheAssistantToolUseAndTheUserToolResultBack() throws Exception {
        JsonNode input = Json.mapper().readTree("{\"path\":\"notes.md\"}");
        fake.enqueueToolUse("Checking.", "toolu_01", "read_file", input, new TokenUsage(412, 88, 0, 0));
        fake.enqueueText("The notes say hi.", new TokenUsage(500, 20, 0, 0));
        ChatRequest first = new ChatRequest("claude-sonnet-4-6", "", List.of(ChatMessage.user("Read notes.md")),
                List.of(readFileTool()), 1024);

        ChatResponse toolTurn = provider.chat(first, CancellationToken.none());
        assertThat(toolTurn.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(toolTurn.toolCalls()).containsExactly(new ContentBlock.ToolUse("toolu_01", "read_file", input));

        ChatRequest second = new ChatRequest("claude-sonnet-4-6", "", List.of(
                ChatMessage.user("Read notes.md"),
                ChatMessage.assistant(toolTurn.content()),
                new ChatMessage(ChatMessage.Role.USER, List.of(new ContentBlock.ToolResult("toolu_01", "read_file", "hi", false)))),
                List.of(readFileTool()), 1024);
        ChatResponse finalTurn = provider.chat(second, CancellationToken.none());
        assertThat(finalTurn.text()).isEqualTo("The notes say hi.");

        JsonNode firstBody = fake.takeRequestBody();
        assertThat(firstBody.at("/tools/0/name").asText()).isEqualTo("read_file");
        assertThat(firstBody.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertThat(firstBody.at("/tools/0/input_schema/properties/path/type").asText()).isEqualTo("string");
        assertThat(firstBody.at("/tools/0/input_schema/required/0").asText()).isEqualTo("path");

        JsonNode secondBody = fake.takeRequestBody();
        assertThat(secondBody.at("/messages/1")).isEqualTo(Json.mapper().readTree("""
                {"role":"assistant","content":[{"type":"text","text":"Checking."},
                 {"type":"tool_use","id":"toolu_01","name":"read_file","input":{"path":"notes.md"}}]}"""));
        assertThat(secondBody.at("/messages/2")).isEqualTo(Json.mapper().readTree("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"hi","is_error":false}]}"""));
    }

    @Test
    void usageWithCacheTokensIsReadAndPricedExactly(@TempDir Path dir) {
        fake.enqueueText("cached", new TokenUsage(412, 88, 2_000, 1_000));

        ChatResponse response = provider.chat(ask("hi"), CancellationToken.none());

        assertThat(response.usage()).isEqualTo(new TokenUsage(412, 88, 2_000, 1_000));
        try (Database db = TestDb.open(dir)) {
            Pricing pricing = new Pricing(new SettingsStore(db, Clock.systemUTC()), List::of);
            // Sonnet, micro-dollars: 412 x 3 + 88 x 15 + 1000 x 3.75 (cache write) + 2000 x 0.30 (cache read)
            assertThat(pricing.costMicros("claude-sonnet-4-6", response.usage())).hasValue(1_236 + 1_320 + 3_750 + 600);
        }
    }

    @Test
    void rateLimitIsTransientWithRetryAfterAndASentence() {
        fake.enqueueError(429, "rate_limit_error", "Number of requests has exceeded your rate limit", 17);

        ProviderException e = failure(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(e.getMessage()).isEqualTo("Anthropic rate limit reached; retrying in 17 s");
        assertThat(fake.requestCount()).as("the SDK must not retry by itself").isEqualTo(1);
    }

    @Test
    void overloadIsTransient() {
        fake.enqueueError(529, "overloaded_error", "Overloaded");

        ProviderException e = failure(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.httpStatus()).isEqualTo(529);
        assertThat(e.getMessage()).isEqualTo("Anthropic is overloaded; retrying later");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorIsTransient() {
        fake.enqueueError(500, "api_error", "Internal server error");

        ProviderException e = failure(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.getMessage()).startsWith("Anthropic had a server error (HTTP 500); retrying later");
    }

    @Test
    void rejectedKeyIsPermanentWithTheExactSentence() {
        fake.enqueueError(401, "authentication_error", "invalid x-api-key");

        ProviderException e = failure(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Anthropic rejected the API key");
    }

    @Test
    void clientErrorsArePermanentAndNameTheServersReason() {
        fake.enqueueError(400, "invalid_request_error", "max_tokens: must be positive");
        fake.enqueueError(403, "permission_error", "not allowed");
        fake.enqueueError(404, "not_found_error", "model: claude-x");
        fake.enqueueError(413, "request_too_large", "too big");

        assertThat(failure(ask("a"))).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
            assertThat(e.getMessage()).isEqualTo("Anthropic rejected the request as invalid: max_tokens: must be positive");
        });
        assertThat(failure(ask("b")).kind()).isEqualTo(ProviderException.Kind.PERMANENT);
        assertThat(failure(ask("c")).getMessage()).isEqualTo("Anthropic does not know the requested model or endpoint: model: claude-x");
        assertThat(failure(ask("d")).getMessage()).startsWith("The request is too large for Anthropic");
    }

    @Test
    void malformedBodyIsPermanent() {
        fake.enqueueRaw(200, "<html>gateway</html>");

        ProviderException e = failure(ask("hi"));

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
        assertThat(e.getMessage()).startsWith("Anthropic sent a reply that could not be read");
    }

    @Test
    void perCallTimeoutShorterThanTheBaseIsTransient() {
        fake.enqueueNoResponse();

        ProviderException e;
        try (AnthropicProvider impatient = new AnthropicProvider(http, fake.config("sk-test", Duration.ofMillis(300)))) {
            e = ProviderCalls.failureOf(() -> impatient.chat(ask("hi"), CancellationToken.none()));
        }

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("Anthropic did not answer in time; retrying later");
    }

    @Test
    void connectionRefusedIsTransientAndNamesTheAddress() {
        String base = ProviderCalls.closedPortUrl();

        ProviderException e;
        try (AnthropicProvider unreachable = new AnthropicProvider(http, new AppConfig.Anthropic(Optional.of("k"), base, Duration.ofSeconds(5)))) {
            e = ProviderCalls.failureOf(() -> unreachable.chat(ask("hi"), CancellationToken.none()));
        }

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("Anthropic is unreachable at " + base + " (connection refused); retrying later");
    }

    @Test
    void cancellingAbortsAnInFlightCallWithinOneSecond() throws Exception {
        fake.enqueueNoResponse();

        ProviderCalls.Cancelled result = ProviderCalls.cancelInFlight(token -> provider.chat(ask("slow"), token), fake::takeRequest);

        assertThat(result.afterCancel()).isLessThan(Duration.ofSeconds(1));
        assertThat(result.thrown()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
    }

    @Test
    void missingKeyIsAPermanentErrorWithoutACall() {
        AnthropicProvider keyless = new AnthropicProvider(http, fake.config(null));

        assertThatThrownBy(() -> keyless.chat(ask("hi"), CancellationToken.none()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith("No Anthropic API key is set");
                });
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void callsGoThroughTheSharedConnectionPool() {
        fake.enqueueText("one").enqueueText("two");

        provider.chat(ask("1"), CancellationToken.none());
        provider.chat(ask("2"), CancellationToken.none());

        assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
        fake.takeRequest();
        assertThat(fake.takeRequest().getSequenceNumber()).as("second call reused the pooled connection").isEqualTo(1);
    }
}
