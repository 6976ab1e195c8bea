package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;

/**
 * A loopback Ollama server speaking the wire format of PROTOCOLS.md ({@code /api/chat},
 * {@code /api/version}, {@code /api/tags}, errors as {@code {"error": "..."}}). Enqueue replies in
 * the order the client will call.
 */
public final class FakeOllamaServer extends LoopbackServer {

    private FakeOllamaServer() {
        super("Ollama");
    }

    public static FakeOllamaServer start() {
        return new FakeOllamaServer();
    }

    /** Config pointing here: the given generation timeout; embeddings 30 s; health 2 s. */
    public AppConfig.Ollama config(Duration generationTimeout) {
        return new AppConfig.Ollama(baseUrl(), generationTimeout, Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    public AppConfig.Ollama config() {
        return config(Duration.ofSeconds(30));
    }

    /** A non-streaming /api/chat reply with text content. */
    public FakeOllamaServer enqueueChat(String model, String content, long promptEvalCount, long evalCount) {
        return enqueueJson(200, chat(model, content, promptEvalCount, evalCount));
    }

    /** A /api/chat reply with one tool call ({@code arguments} is a JSON object, as Ollama sends it). */
    public FakeOllamaServer enqueueToolCall(String model, String toolName, JsonNode arguments, long promptEvalCount, long evalCount) {
        ObjectNode reply = chat(model, "", promptEvalCount, evalCount);
        ArrayNode calls = ((ObjectNode) reply.get("message")).putArray("tool_calls");
        ObjectNode function = calls.addObject().putObject("function");
        function.put("name", toolName);
        function.set("arguments", arguments);
        return enqueueJson(200, reply);
    }

    public FakeOllamaServer enqueueVersion(String version) {
        return enqueueJson(200, Json.mapper().createObjectNode().put("version", version));
    }

    public FakeOllamaServer enqueueTags(String... modelNames) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode models = body.putArray("models");
        for (String name : modelNames) {
            models.addObject().put("name", name).put("size", 4_000_000_000L).putObject("details");
        }
        return enqueueJson(200, body);
    }

    /** An error reply {@code {"error": message}} with the given status. */
    public FakeOllamaServer enqueueError(int status, String message) {
        return enqueueJson(status, Json.mapper().createObjectNode().put("error", message));
    }

    public FakeOllamaServer enqueueRaw(int status, String body) {
        enqueueResponse(json(status, body));
        return this;
    }

    /** Reads the request and never answers: for timeouts and cancellation. */
    public FakeOllamaServer enqueueNoResponse() {
        enqueueResponse(noResponse());
        return this;
    }

    public FakeOllamaServer enqueue(MockResponse response) {
        enqueueResponse(response);
        return this;
    }

    private static ObjectNode chat(String model, String content, long promptEvalCount, long evalCount) {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.put("model", model);
        reply.put("created_at", "2025-11-20T10:00:00.000000Z");
        reply.putObject("message").put("role", "assistant").put("content", content);
        reply.put("done", true);
        reply.put("done_reason", "stop");
        reply.put("total_duration", 5_000_000_000L);
        reply.put("load_duration", 1_000_000L);
        reply.put("prompt_eval_count", promptEvalCount);
        reply.put("eval_count", evalCount);
        reply.put("eval_duration", 4_000_000_000L);
        return reply;
    }

    private FakeOllamaServer enqueueJson(int status, JsonNode body) {
        enqueueResponse(json(status, body.toString()));
        return this;
    }
}
