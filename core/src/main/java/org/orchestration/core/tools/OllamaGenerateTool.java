package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/**
 * {@code ollama_generate(prompt, model)}: one completion from a local Ollama model
 * ({@code POST /api/generate}, {@code stream: false}). Uses the shared OkHttp client with the
 * configured generation timeout as its call timeout; a cancelled task aborts the call.
 */
public final class OllamaGenerateTool extends BaseTool {

    public static final String NAME = "ollama_generate";
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final String host;
    private final Duration timeout;

    public OllamaGenerateTool(OkHttpClient sharedClient, AppConfig.Ollama config) {
        super(NAME, "Ask a local Ollama model to complete a prompt; returns its answer text.",
                ToolInput.schema()
                        .string("prompt", "The prompt to send.", true)
                        .string("model", "The Ollama model name, e.g. \"llama3.2\".", true)
                        .build());
        this.timeout = config.generationTimeout();
        this.client = sharedClient.newBuilder().callTimeout(timeout).build();
        this.host = strip(config.host());
    }

    /** Checked by the resource monitor as "ollama". */
    @Override
    public Optional<String> service() {
        return Optional.of("ollama");
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid {
        try {
            String prompt = ToolInput.requiredString(input, "prompt");
            String model = ToolInput.requiredText(input, "model");
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("model", model);
            body.put("prompt", prompt);
            body.put("stream", false);
            Request request = new Request.Builder().url(host + "/api/generate")
                    .post(RequestBody.create(body.toString(), JSON)).build();
            HttpCalls.Reply reply = HttpCalls.execute(client, request, cancel);
            if (!reply.ok()) {
                return ToolOutcome.error("Ollama answered HTTP " + reply.code() + ": " + HttpCalls.errorText(reply));
            }
            JsonNode json = reply.json();
            if (json == null || !json.has("response")) {
                return ToolOutcome.error(json != null && json.has("error")
                        ? "Ollama failed: " + HttpCalls.errorText(reply)
                        : "Ollama's answer had no \"response\" field.");
            }
            return ToolOutcome.ok(json.get("response").asText());
        } catch (InterruptedIOException e) {
            return ToolOutcome.error(cancel.isCancelled() ? "The Ollama call was cancelled."
                    : "Ollama did not answer within " + timeout.toSeconds() + " s.");
        } catch (IOException e) {
            return ToolOutcome.error(cancel.isCancelled() ? "The Ollama call was cancelled."
                    : "Ollama is not reachable at " + host + ": " + e.getMessage());
        }
    }

    static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
