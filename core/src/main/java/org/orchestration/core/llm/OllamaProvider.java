package org.orchestration.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.json.Json;

/**
 * A local Ollama server: {@code POST /api/chat} (non-streaming, with tools) for chat turns,
 * {@code GET /api/version} and {@code GET /api/tags} for health and the model list. Calls go
 * through the shared client with the configured per-call timeouts (generation and health each
 * their own). Local models cost nothing (see {@link Pricing}).
 */
public final class OllamaProvider implements ChatProvider {

    public static final String ID = "ollama";
    public static final String DISPLAY_NAME = "Ollama";
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpClients http;
    private final AppConfig.Ollama config;
    private final ObjectMapper mapper = Json.mapper();

    public OllamaProvider(HttpClients http, AppConfig.Ollama config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return DISPLAY_NAME;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        if (cancel.isCancelled()) {
            throw ProviderErrors.cancelled(ID, DISPLAY_NAME);
        }
        String body;
        try {
            body = mapper.writeValueAsString(toWire(request));
        } catch (JsonProcessingException e) {
            throw new ProviderException(ID, ProviderException.Kind.PERMANENT, 0, null,
                    "The request for Ollama could not be written as JSON", e);
        }
        Request httpRequest = new Request.Builder().url(config.host() + "/api/chat")
                .post(RequestBody.create(body, JSON)).build();
        JsonNode reply = call(httpRequest, config.generationTimeout(), cancel);
        return fromWire(request.model(), reply);
    }

    /** The server's version ({@code GET /api/version}), within the health timeout. */
    public String version() {
        JsonNode reply = call(new Request.Builder().url(config.host() + "/api/version").get().build(),
                config.healthTimeout(), CancellationToken.none());
        String version = reply.path("version").asText("");
        if (version.isEmpty()) {
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, "no version in /api/version", null);
        }
        return version;
    }

    /** Names of the installed models ({@code GET /api/tags}), within the health timeout. */
    public List<String> models() {
        JsonNode reply = call(new Request.Builder().url(config.host() + "/api/tags").get().build(),
                config.healthTimeout(), CancellationToken.none());
        JsonNode models = reply.path("models");
        if (!models.isArray()) {
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, "no model list in /api/tags", null);
        }
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    private JsonNode call(Request request, Duration timeout, CancellationToken cancel) {
        Call call = http.withTimeouts(timeout).newCall(request);
        Runnable unregister = cancel.onCancel(call::cancel);
        try (Response response = call.execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            if (!response.isSuccessful()) {
                throw ProviderErrors.fromStatus(ID, DISPLAY_NAME, response.code(), response.header("retry-after"), errorText(text));
            }
            JsonNode node = parse(text);
            if (node.hasNonNull("error")) {
                // Ollama reports some failures with status 200 and {"error": "..."}
                throw new ProviderException(ID, ProviderException.Kind.TRANSIENT, response.code(), null,
                        "Ollama reported an error: " + node.path("error").asText(), null);
            }
            return node;
        } catch (IOException e) {
            throw ProviderErrors.fromIo(ID, DISPLAY_NAME, config.host(), e, cancel.isCancelled());
        } finally {
            unregister.run();
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || !node.isObject()) {
                throw ProviderErrors.malformed(ID, DISPLAY_NAME, "expected a JSON object", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, "not JSON", e);
        }
    }

    private String errorText(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.hasNonNull("error") ? node.path("error").asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    // --- wire format ---------------------------------------------------------------------

    ObjectNode toWire(ChatRequest request) {
        ObjectNode root = mapper.createObjectNode();
        root.put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        if (!request.system().isBlank()) {
            messages.addObject().put("role", "system").put("content", request.system());
        }
        for (ChatMessage m : request.messages()) {
            appendMessage(messages, m);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = root.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", spec.name());
                function.put("description", spec.description() == null ? "" : spec.description());
                function.set("parameters", spec.inputSchema() == null ? mapper.createObjectNode() : spec.inputSchema());
            }
        }
        root.put("stream", false);
        root.putObject("options").put("num_predict", request.maxTokens());
        return root;
    }

    /**
     * Ollama has one message per role turn: text and tool calls of an assistant turn go together;
     * each tool result becomes its own {@code role: tool} message.
     */
    private void appendMessage(ArrayNode messages, ChatMessage m) {
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = mapper.createArrayNode();
        List<ContentBlock.ToolResult> results = new ArrayList<>();
        for (ContentBlock block : m.content()) {
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (block instanceof ContentBlock.ToolUse u) {
                ObjectNode function = toolCalls.addObject().putObject("function");
                function.put("name", u.name());
                function.set("arguments", u.input() == null ? mapper.createObjectNode() : u.input());
            } else if (block instanceof ContentBlock.ToolResult r) {
                results.add(r);
            }
        }
        for (ContentBlock.ToolResult r : results) {
            messages.addObject().put("role", "tool").put("tool_name", r.toolName()).put("content", r.content());
        }
        if (text.length() > 0 || !toolCalls.isEmpty()) {
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role() == ChatMessage.Role.USER ? "user" : "assistant");
            msg.put("content", text.toString());
            if (!toolCalls.isEmpty()) {
                msg.set("tool_calls", toolCalls);
            }
        }
    }

    private ChatResponse fromWire(String requestedModel, JsonNode reply) {
        JsonNode message = reply.path("message");
        if (!message.isObject()) {
            throw ProviderErrors.malformed(ID, DISPLAY_NAME, "no message in the /api/chat reply", null);
        }
        List<ContentBlock> content = new ArrayList<>();
        String text = message.path("content").asText("");
        if (!text.isEmpty()) {
            content.add(new ContentBlock.Text(text));
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText("");
            if (name.isEmpty()) {
                throw ProviderErrors.malformed(ID, DISPLAY_NAME, "a tool call without a name", null);
            }
            JsonNode args = function.path("arguments");
            if (args.isTextual()) { // some models send the arguments as a JSON string
                try {
                    args = mapper.readTree(args.asText());
                } catch (JsonProcessingException e) {
                    throw ProviderErrors.malformed(ID, DISPLAY_NAME, "tool arguments are not JSON", e);
                }
            }
            if (!args.isObject()) {
                args = JsonNodeFactory.instance.objectNode();
            }
            // Ollama gives tool calls no id; the engine needs one to pair results with calls.
            String id = call.path("id").asText("");
            content.add(new ContentBlock.ToolUse(id.isEmpty() ? "ollama_" + UUID.randomUUID() : id, name, args));
        }
        TokenUsage usage = new TokenUsage(reply.path("prompt_eval_count").asLong(0), reply.path("eval_count").asLong(0), 0, 0);
        boolean hasToolCalls = content.stream().anyMatch(b -> b instanceof ContentBlock.ToolUse);
        StopReason stop = hasToolCalls ? StopReason.TOOL_USE : switch (reply.path("done_reason").asText("stop")) {
            case "stop" -> StopReason.END_TURN;
            case "length" -> StopReason.MAX_TOKENS;
            default -> StopReason.OTHER;
        };
        return new ChatResponse(reply.path("model").asText(requestedModel), content, usage, stop);
    }
}
