package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.FakeOllamaServer;
import org.orchestration.core.testing.ProviderCalls;

class OllamaProviderTest {

    private static final String MODEL = "llama3.2:latest";

    private final HttpClients http = new HttpClients();
    private FakeOllamaServer fake;
    private OllamaProvider provider;

    @BeforeEach
    void start() {
        fake = FakeOllamaServer.start();
        provider = new OllamaProvider(http, fake.config());
    }

    @AfterEach
    void stop() {
        fake.close();
        http.close();
    }

    private static ChatRequest ask(String text, List<ToolSpec> tools) {
        return new ChatRequest(MODEL, "Be brief.", List.of(ChatMessage.user(text)), tools, 512);
    }

    private static ToolSpec readFileTool() throws Exception {
        return new ToolSpec("read_file", "Reads a file",
                Json.mapper().readTree("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}"));
    }

    private ProviderException failure(OllamaProvider p) {
        return ProviderCalls.failureOf(() -> p.chat(ask("hi", List.of()), CancellationToken.none()));
    }

    @Test
    void plainReplyMapsContentAndEvalCountsToUsage() {
        fake.enqueueChat(MODEL, "Hello.", 26, 9);

        ChatResponse response = provider.chat(ask("Say hello", List.of()), CancellationToken.none());

        assertThat(response.text()).isEqualTo("Hello.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(26, 9, 0, 0));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.model()).isEqualTo(MODEL);
    }

    @Test
    void requestIsANonStreamingChatWithTheSystemPromptFirst() {
        fake.enqueueChat(MODEL, "ok", 1, 1);

        provider.chat(ask("Say hello", List.of()), CancellationToken.none());

        RecordedRequest request = fake.takeRequest();
        assertThat(request.getPath()).isEqualTo("/api/chat");
        JsonNode body = readJson(request);
        assertThat(body.path("model").asText()).isEqualTo(MODEL);
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Say hello");
    }

    @Test
    void toolCallRoundTripSendsArgumentsAsAnObjectAndTheResultAsARoleToolMessage() throws Exception {
        JsonNode args = Json.mapper().readTree("{\"path\":\"notes.md\"}");
        fake.enqueueToolCall(MODEL, "read_file", args, 40, 12);
        fake.enqueueChat(MODEL, "The notes say hi.", 60, 7);

        ChatResponse toolTurn = provider.chat(ask("Read notes.md", List.of(readFileTool())), CancellationToken.none());
        assertThat(toolTurn.stopReason()).isEqualTo(StopReason.TOOL_USE);
        ContentBlock.ToolUse call = toolTurn.toolCalls().get(0);
        assertThat(call.name()).isEqualTo("read_file");
        assertThat(call.input()).isEqualTo(args);

        ChatRequest second = new ChatRequest(MODEL, "", List.of(
                ChatMessage.user("Read notes.md"),
                ChatMessage.assistant(toolTurn.content()),
                new ChatMessage(ChatMessage.Role.USER, List.of(new ContentBlock.ToolResult(call.id(), "read_file", "hi", false)))),
                List.of(readFileTool()), 512);
        assertThat(provider.chat(second, CancellationToken.none()).text()).isEqualTo("The notes say hi.");

        JsonNode first = readJson(fake.takeRequest());
        assertThat(first.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(first.at("/tools/0/function/name").asText()).isEqualTo("read_file");
        assertThat(first.at("/tools/0/function/parameters/properties/path/type").asText()).isEqualTo("string");
        JsonNode secondBody = readJson(fake.takeRequest());
        assertThat(secondBody.at("/messages/1")).isEqualTo(Json.mapper().readTree("""
                {"role":"assistant","content":"","tool_calls":[{"function":{"name":"read_file","arguments":{"path":"notes.md"}}}]}"""));
        assertThat(secondBody.at("/messages/2")).isEqualTo(Json.mapper().readTree("""
                {"role":"tool","tool_name":"read_file","content":"hi"}"""));
    }

    @Test
    void unknownModelIsPermanentWithOllamasReason() {
        fake.enqueueError(404, "model 'llama9' not found");

        ProviderException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Ollama does not know the requested model or endpoint: model 'llama9' not found");
    }

    @Test
    void rateLimitAndServerErrorsAreTransient() {
        fake.enqueueError(429, "too many requests");
        fake.enqueueError(500, "llama runner process has terminated");
        fake.enqueueError(502, "bad gateway");

        assertThat(failure(provider)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
            assertThat(e.getMessage()).isEqualTo("Ollama rate limit reached; retrying later");
        });
        assertThat(failure(provider)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
            assertThat(e.getMessage()).isEqualTo("Ollama had a server error (HTTP 500); retrying later: llama runner process has terminated");
        });
        assertThat(failure(provider).kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
    }

    @Test
    void malformedBodyIsPermanent() {
        fake.enqueueRaw(200, "{\"model\":\"x\",\"message\":");

        ProviderException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("Ollama sent a reply that could not be read (not JSON)");
    }

    @Test
    void generationTimeoutIsTransient() {
        OllamaProvider impatient = new OllamaProvider(http, fake.config(Duration.ofMillis(300)));
        fake.enqueueNoResponse();

        ProviderException e = failure(impatient);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("Ollama did not answer in time; retrying later");
    }

    @Test
    void connectionRefusedIsTransient() {
        String host = ProviderCalls.closedPortUrl();
        OllamaProvider down = new OllamaProvider(http, new AppConfig.Ollama(host, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)));

        ProviderException e = failure(down);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
        assertThat(e.getMessage()).isEqualTo("Ollama is unreachable at " + host + " (connection refused); retrying later");
    }

    @Test
    void cancellingAbortsAnInFlightCallWithinOneSecond() throws Exception {
        fake.enqueueNoResponse();

        ProviderCalls.Cancelled result = ProviderCalls.cancelInFlight(token -> provider.chat(ask("slow", List.of()), token), fake::takeRequest);

        assertThat(result.afterCancel()).isLessThan(Duration.ofSeconds(1));
        assertThat(result.thrown()).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED));
    }

    @Test
    void versionAndModelListComeFromTheHealthEndpoints() {
        fake.enqueueVersion("0.12.6");
        fake.enqueueTags("llama3.2:latest", "nomic-embed-text:latest");

        assertThat(provider.version()).isEqualTo("0.12.6");
        assertThat(provider.models()).containsExactly("llama3.2:latest", "nomic-embed-text:latest");
        assertThat(fake.takeRequest().getPath()).isEqualTo("/api/version");
        assertThat(fake.takeRequest().getPath()).isEqualTo("/api/tags");
    }

    @Test
    void callsGoThroughTheSharedConnectionPool() {
        fake.enqueueChat(MODEL, "a", 1, 1).enqueueVersion("0.12.6");

        provider.chat(ask("a", List.of()), CancellationToken.none());
        provider.version();

        assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
    }

    private static JsonNode readJson(RecordedRequest request) {
        try {
            return Json.mapper().readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
