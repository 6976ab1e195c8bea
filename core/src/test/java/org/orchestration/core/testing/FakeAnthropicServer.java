package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.TokenUsage;

/**
 * A loopback Anthropic Messages API that answers exactly the wire format of PROTOCOLS.md:
 * enqueue replies (text, tool_use, errors with the real error body), point a provider at
 * {@link #baseUrl()} (or use {@link #config}), then read what the client sent.
 *
 * <pre>
 * try (FakeAnthropicServer fake = FakeAnthropicServer.start()) {
 *     fake.enqueueText("Hello", new TokenUsage(10, 5, 0, 0));
 *     provider = new AnthropicProvider(httpClients, fake.config("test-key"));
 *     ...
 *     JsonNode sent = fake.takeRequestBody();
 * }
 * </pre>
 */
public final class FakeAnthropicServer extends LoopbackServer {

    public static final String DEFAULT_MODEL = "claude-sonnet-4-6";

    private int messageCounter;

    private FakeAnthropicServer() {
        super("Anthropic");
    }

    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    /** Provider config pointing here, with a 30 s per-call timeout. */
    public AppConfig.Anthropic config(String apiKey) {
        return config(apiKey, Duration.ofSeconds(30));
    }

    public AppConfig.Anthropic config(String apiKey, Duration timeout) {
        return new AppConfig.Anthropic(Optional.ofNullable(apiKey), baseUrl(), timeout);
    }

    // --- replies ---------------------------------------------------------------------------

    /** A 200 reply with one text block, stop_reason end_turn. */
    public FakeAnthropicServer enqueueText(String text, TokenUsage usage) {
        ObjectNode message = message(DEFAULT_MODEL, "end_turn", usage);
        message.withArray("content").addObject().put("type", "text").put("text", text);
        return enqueueJson(200, message);
    }

    public FakeAnthropicServer enqueueText(String text) {
        return enqueueText(text, new TokenUsage(10, 5, 0, 0));
    }

    /** A 200 reply with an optional text block then a tool_use block, stop_reason tool_use. */
    public FakeAnthropicServer enqueueToolUse(String text, String toolUseId, String toolName, JsonNode input, TokenUsage usage) {
        ObjectNode message = message(DEFAULT_MODEL, "tool_use", usage);
        ArrayNode content = message.withArray("content");
        if (text != null) {
            content.addObject().put("type", "text").put("text", text);
        }
        ObjectNode use = content.addObject().put("type", "tool_use").put("id", toolUseId).put("name", toolName);
        use.set("input", input);
        return enqueueJson(200, message);
    }

    /** An error reply with Anthropic's error body; {@code errorType} e.g. "rate_limit_error". */
    public FakeAnthropicServer enqueueError(int status, String errorType, String message) {
        return enqueueError(status, errorType, message, null);
    }

    /** As {@link #enqueueError(int, String, String)} with a {@code retry-after} header (seconds) when not null. */
    public FakeAnthropicServer enqueueError(int status, String errorType, String message, Integer retryAfterSeconds) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", "error");
        body.putObject("error").put("type", errorType).put("message", message);
        body.put("request_id", "req_fake_" + (++messageCounter));
        MockResponse response = jsonResponse(status, body);
        if (retryAfterSeconds != null) {
            response.setHeader("retry-after", String.valueOf(retryAfterSeconds));
        }
        enqueueResponse(response);
        return this;
    }

    /** Any status and raw body (e.g. a malformed reply). */
    public FakeAnthropicServer enqueueRaw(int status, String body) {
        enqueueResponse(json(status, body));
        return this;
    }

    /**
     * Reads the request and never answers (for timeouts and cancellation); {@link #close()} ends
     * it at once.
     */
    public FakeAnthropicServer enqueueNoResponse() {
        enqueueResponse(noResponse());
        return this;
    }

    /**
     * A text reply whose headers arrive only after {@code delay} (a slow model). Note that
     * {@link #close()} waits for a delayed reply to finish; prefer {@link #enqueueNoResponse()}
     * for timeouts.
     */
    public FakeAnthropicServer enqueueSlowText(String text, Duration delay) {
        return enqueueSlowText(text, new TokenUsage(10, 5, 0, 0), delay);
    }

    /** {@link #enqueueSlowText(String, Duration)} reporting {@code usage}. */
    public FakeAnthropicServer enqueueSlowText(String text, TokenUsage usage, Duration delay) {
        ObjectNode message = message(DEFAULT_MODEL, "end_turn", usage);
        message.withArray("content").addObject().put("type", "text").put("text", text);
        enqueueResponse(jsonResponse(200, message).setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        return this;
    }

    public FakeAnthropicServer enqueue(MockResponse response) {
        enqueueResponse(response);
        return this;
    }

    // --- wire helpers ----------------------------------------------------------------------

    private ObjectNode message(String model, String stopReason, TokenUsage usage) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("id", "msg_fake_" + (++messageCounter));
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", model);
        m.putArray("content");
        m.put("stop_reason", stopReason);
        m.putNull("stop_sequence");
        ObjectNode u = m.putObject("usage");
        u.put("input_tokens", usage.inputTokens());
        u.put("output_tokens", usage.outputTokens());
        u.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        u.put("cache_read_input_tokens", usage.cacheReadTokens());
        return m;
    }

    private FakeAnthropicServer enqueueJson(int status, JsonNode body) {
        enqueueResponse(jsonResponse(status, body));
        return this;
    }

    private static MockResponse jsonResponse(int status, JsonNode body) {
        return json(status, body.toString()).setHeader("request-id", "req_fake");
    }
}
