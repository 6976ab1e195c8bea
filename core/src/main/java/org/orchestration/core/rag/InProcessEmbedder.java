package org.orchestration.core.rag;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedder: all-MiniLM-L6-v2 (384 dimensions) running in-process through ONNX, shipped
 * inside a Maven Central jar, so indexing works offline with no server. The model is loaded on
 * first use (not at start-up) and only once; texts are embedded in batches.
 */
public final class InProcessEmbedder implements Embedder {

    public static final String MODEL_ID = "inprocess:all-minilm-l6-v2";
    public static final int DIMENSIONS = 384;
    private static final Logger log = LoggerFactory.getLogger(InProcessEmbedder.class);
    private static final int BATCH = 32;

    private final Object lock = new Object();
    private volatile EmbeddingModel model;

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel m = model();
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
                    .map(t -> TextSegment.from(t.isBlank() ? " " : t))
                    .toList();
            try {
                for (Embedding e : m.embedAll(batch).content()) {
                    out.add(e.vector());
                }
            } catch (RuntimeException e) {
                throw new EmbeddingException("The in-process embedding model failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Loads the model now (it takes seconds) so the first search does not wait for it. Call it on
     * a background thread at start-up; failures are reported again on first use.
     */
    public void preload() {
        try {
            model();
        } catch (EmbeddingException e) {
            log.warn("{}", e.getMessage());
        }
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m != null) {
            return m;
        }
        synchronized (lock) {
            if (model == null) {
                long start = System.nanoTime();
                try {
                    model = new AllMiniLmL6V2EmbeddingModel();
                } catch (RuntimeException | LinkageError e) {
                    throw new EmbeddingException("The in-process embedding model could not be loaded: " + e, e);
                }
                log.info("Loaded in-process embedding model {} in {} ms", MODEL_ID, (System.nanoTime() - start) / 1_000_000);
            }
            return model;
        }
    }
}
