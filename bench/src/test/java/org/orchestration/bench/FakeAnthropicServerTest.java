package org.orchestration.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;

class FakeAnthropicServerTest {

    private static HttpResponse<String> post(FakeAnthropicServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":10,\"messages\":[]}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheMessagesWireFormatWithTheConfiguredUsage() throws Exception {
        try (FakeAnthropicServer server = new FakeAnthropicServer(Duration.ZERO, "claude-haiku-4-5", 120, 30)) {
            HttpResponse<String> response = post(server);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(response.body());
            assertThat(body.path("type").asText()).isEqualTo("message");
            assertThat(body.path("content").get(0).path("type").asText()).isEqualTo("text");
            assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");
            assertThat(body.path("usage").path("input_tokens").asLong()).isEqualTo(120);
            assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(30);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void injectsRateLimitErrorsWithRetryAfter() throws Exception {
        try (FakeAnthropicServer server = new FakeAnthropicServer(Duration.ZERO, "m", 1, 1)) {
            server.rateLimitFraction(1.0);
            HttpResponse<String> response = post(server);
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("retry-after")).contains("0");
            assertThat(Json.mapper().readTree(response.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
        }
    }
}
