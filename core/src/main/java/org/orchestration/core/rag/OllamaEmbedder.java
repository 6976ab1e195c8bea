package org.orchestration.core.rag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orchestration.core.json.Json;

/**
 * Embeddings from a local Ollama server: {@code POST /api/embed {"model","input":[...]}} answers
 * {@code {"embeddings":[[...]]}}. Uses the shared OkHttp client with its own call timeout.
 */
public final class OllamaEmbedder implements Embedder {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int BATCH = 32;

    private final OkHttpClient client;
    private final String host;
    private final String model;
    private volatile int dimensions;

    /**
     * @param sharedClient the app's one OkHttp client (pool and dispatcher are shared)
     * @param host         e.g. {@code http://127.0.0.1:11434}
     * @param timeout      per call ({@code ollama.embedding_timeout_seconds})
     */
    public OllamaEmbedder(OkHttpClient sharedClient, String host, String model, Duration timeout) {
        this.client = sharedClient.newBuilder().callTimeout(timeout).build();
        this.host = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        this.model = model;
    }

    @Override
    public String modelId() {
        return "ollama:" + model;
    }

    /** Asks the server once (embeds a probe text) and remembers the answer. */
    @Override
    public int dimensions() {
        int d = dimensions;
        if (d == 0) {
            d = embed(List.of("dimension probe")).get(0).length;
            dimensions = d;
        }
        return d;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            out.addAll(embedBatch(texts.subList(from, Math.min(texts.size(), from + BATCH))));
        }
        return out;
    }

    private List<float[]> embedBatch(List<String> texts) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model);
        texts.forEach(body.putArray("input")::add);
        Request request = new Request.Builder().url(host + "/api/embed")
                .post(RequestBody.create(body.toString(), JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new EmbeddingException("Ollama embeddings failed (HTTP " + response.code() + "): " + errorText(text));
            }
            JsonNode embeddings = Json.mapper().readTree(text).path("embeddings");
            if (!embeddings.isArray() || embeddings.size() != texts.size()) {
                throw new EmbeddingException("Ollama answered " + embeddings.size() + " embeddings for " + texts.size() + " texts.");
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (JsonNode vector : embeddings) {
                float[] v = new float[vector.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) vector.get(i).asDouble();
                }
                out.add(v);
            }
            return out;
        } catch (InterruptedIOException e) {
            throw new EmbeddingException("Ollama did not answer the embedding request in time (" + host + ").", e);
        } catch (IOException e) {
            throw new EmbeddingException("Ollama is not reachable at " + host + ": " + e.getMessage(), e);
        }
    }

    private static String errorText(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException ignored) {
            // not JSON: show the start of the body
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
