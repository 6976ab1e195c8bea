package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.json.Json;

/** OllamaEmbedder against a fake Ollama speaking the real /api/embed wire format. */
class OllamaEmbedderTest {

    MockWebServer server;
    OllamaEmbedder embedder;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        embedder = new OllamaEmbedder(new OkHttpClient(), server.url("/").toString(), "nomic-embed-text", Duration.ofMillis(700));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void postsTheBatchAndReadsOneVectorPerText() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"model\":\"nomic-embed-text\",\"embeddings\":[[0.1,0.2,0.3],[0.4,0.5,0.6]],"
                + "\"total_duration\":1000,\"load_duration\":10,\"prompt_eval_count\":4}"));
        List<float[]> vectors = embedder.embed(List.of("a", "b"));
        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(1)).containsExactly(0.4f, 0.5f, 0.6f);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getPath()).isEqualTo("/api/embed");
        JsonNode body = Json.mapper().readTree(request.getBody().readUtf8());
        assertThat(body.get("model").asText()).isEqualTo("nomic-embed-text");
        assertThat(body.get("input")).hasSize(2);
        assertThat(embedder.modelId()).isEqualTo("ollama:nomic-embed-text");
    }

    @Test
    void dimensionsAreProbedOnceAndRemembered() {
        server.enqueue(new MockResponse().setBody("{\"embeddings\":[[1,2,3,4]]}"));
        assertThat(embedder.dimensions()).isEqualTo(4);
        assertThat(embedder.dimensions()).isEqualTo(4);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverErrorBecomesAnEmbeddingExceptionWithOllamasMessage() {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("{\"error\":\"model crashed\"}"));
        assertThatThrownBy(() -> embedder.embed(List.of("a"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("500").hasMessageContaining("model crashed");
    }

    @Test
    void aSilentServerTimesOut() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertThatThrownBy(() -> embedder.embed(List.of("a"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("in time");
    }

    @Test
    void aWrongNumberOfVectorsIsRefused() {
        server.enqueue(new MockResponse().setBody("{\"embeddings\":[[1,2]]}"));
        assertThatThrownBy(() -> embedder.embed(List.of("a", "b"))).isInstanceOf(EmbeddingException.class);
    }
}
