package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.llm.TokenUsage;

/**
 * A minimal provider speaking the Anthropic Messages wire format (text only) over real loopback
 * HTTP, for executor tests that must prove an in-flight HTTP call is aborted on cancel: the
 * {@link CancellationToken} cancels the OkHttp {@link Call}. The real providers live in
 * {@code core.llm}; this one exists so execution can be tested without them.
 */
public final class LoopbackAnthropicProvider implements ChatProvider {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String baseUrl;
    private final AtomicInteger inFlight = new AtomicInteger();

    public LoopbackAnthropicProvider(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).callTimeout(Duration.ofMinutes(2)).build();
    }

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String displayName() {
        return "Anthropic (loopback)";
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        ObjectNode body = Json.mapper().createObjectNode().put("model", request.model()).put("max_tokens", request.maxTokens())
                .put("system", request.system());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            StringBuilder text = new StringBuilder();
            m.content().forEach(b -> text.append(b instanceof ContentBlock.Text t ? t.text() : ""));
            messages.addObject().put("role", m.role() == ChatMessage.Role.USER ? "user" : "assistant").put("content", text.toString());
        }
        Call call = http.newCall(new Request.Builder().url(baseUrl + "/v1/messages").header("x-api-key", "test")
                .header("anthropic-version", "2023-06-01").post(RequestBody.create(body.toString(), JSON)).build());
        Runnable unregister = cancel.onCancel(call::cancel);
        inFlight.incrementAndGet();
        try (Response response = call.execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                boolean transientStatus = response.code() == 429 || response.code() >= 500;
                throw new ProviderException(id(), transientStatus ? ProviderException.Kind.TRANSIENT : ProviderException.Kind.PERMANENT,
                        response.code(), null, "Anthropic answered " + response.code(), null);
            }
            JsonNode reply = Json.mapper().readTree(text);
            List<ContentBlock> content = new ArrayList<>();
            reply.path("content").forEach(b -> content.add(new ContentBlock.Text(b.path("text").asText())));
            JsonNode u = reply.path("usage");
            return new ChatResponse(reply.path("model").asText(request.model()), content,
                    new TokenUsage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(), 0, 0), StopReason.END_TURN);
        } catch (IOException e) {
            if (cancel.isCancelled()) {
                throw new ProviderException(id(), ProviderException.Kind.CANCELLED, "The call was cancelled.");
            }
            throw new ProviderException(id(), ProviderException.Kind.TRANSIENT, 0, null, "Connection failed: " + e.getMessage(), e);
        } finally {
            inFlight.decrementAndGet();
            unregister.run();
        }
    }
}
