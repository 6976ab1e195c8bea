package org.orchestration.core.rag;

import okhttp3.OkHttpClient;
import org.orchestration.core.config.AppConfig;

/** Picks the embedder named by {@code rag.embedding_provider}. */
public final class Embedders {

    private Embedders() {
    }

    /** {@code inprocess} (default): all-MiniLM-L6-v2 in-process; {@code ollama}: {@code rag.ollama_embedding_model} via Ollama. */
    public static Embedder fromConfig(AppConfig config, OkHttpClient sharedClient) {
        if ("ollama".equals(config.rag().embeddingProvider())) {
            return new OllamaEmbedder(sharedClient, config.ollama().host(), config.rag().ollamaEmbeddingModel(),
                    config.ollama().embeddingTimeout());
        }
        return new InProcessEmbedder();
    }
}
