package org.orchestration.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;

/** ollama_generate against a fake Ollama speaking the real /api/generate wire format. */
class OllamaGenerateToolTest {

    MockWebServer server;
    OllamaGenerateTool tool;
    final ToolContext context = new ToolContext(new User("u", "u@example.com", "u", Role.USER, true), "p", "t", Path.of("/tmp"));

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        tool = new OllamaGenerateTool(new OkHttpClient(), new AppConfig.Ollama(server.url("/").toString(),
                Duration.ofMillis(700), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private static ObjectNode args(String prompt, String model) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("prompt", prompt);
        node.put("model", model);
        return node;
    }

    @Test
    void sendsANonStreamingGenerateRequestAndReturnsTheResponseText() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(
                "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:00Z\",\"response\":\"Paris.\",\"done\":true,"
                        + "\"done_reason\":\"stop\",\"total_duration\":123,\"eval_count\":3}"));
        ToolOutcome outcome = tool.execute(context, args("Capital of France?", "llama3.2"), CancellationToken.none());
        assertThat(outcome).isEqualTo(ToolOutcome.ok("Paris."));
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/generate");
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertThat(body.get("model").asText()).isEqualTo("llama3.2");
        assertThat(body.get("prompt").asText()).isEqualTo("Capital of France?");
        assertThat(body.get("stream").asBoolean()).isFalse();
    }

    @Test
    void unknownModelIsAToolErrorWithOllamasMessage() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"error\":\"model 'nope' not found\"}"));
        ToolOutcome outcome = tool.execute(context, args("hi", "nope"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("404", "model 'nope' not found");
    }

    @Test
    void serverErrorIsAToolError() {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"out of memory\"}"));
        ToolOutcome outcome = tool.execute(context, args("hi", "llama3.2"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("500", "out of memory");
    }

    @Test
    void aSlowServerTimesOutWithTheConfiguredTimeout() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        ToolOutcome outcome = tool.execute(context, args("hi", "llama3.2"), CancellationToken.none());
        assertThat(outcome.isError()).isTrue();
        assertThat(outcome.content()).contains("did not answer within");
    }

    @Test
    void cancellingTheTokenAbortsTheCall() throws Exception {
        tool = new OllamaGenerateTool(new OkHttpClient(), new AppConfig.Ollama(server.url("/").toString(),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        CancellationToken cancel = new CancellationToken();
        CompletableFuture<ToolOutcome> running = CompletableFuture.supplyAsync(() -> tool.execute(context, args("hi", "m"), cancel));
        server.takeRequest(5, TimeUnit.SECONDS);
        cancel.cancel();
        ToolOutcome outcome = running.get(5, TimeUnit.SECONDS);
        assertThat(outcome.content()).isEqualTo("The Ollama call was cancelled.");
    }

    @Test
    void anUnreachableServerIsAToolError() throws Exception {
        String url = server.url("/").toString();
        server.shutdown();
        tool = new OllamaGenerateTool(new OkHttpClient(), new AppConfig.Ollama(url, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThat(tool.execute(context, args("hi", "m"), CancellationToken.none()).content()).contains("not reachable");
    }

    @Test
    void missingModelArgumentIsAToolError() {
        ObjectNode input = Json.mapper().createObjectNode().put("prompt", "hi");
        assertThat(tool.execute(context, input, CancellationToken.none()).content()).contains("\"model\" argument is required");
    }
}
