package org.orchestration.core.rag;

import java.util.List;

/**
 * Turns texts into vectors. Implementations are thread-safe. Vectors of one embedder always have
 * {@link #dimensions()} entries; callers normalise them before comparing.
 */
public interface Embedder {

    /** A stable id such as {@code inprocess:all-minilm-l6-v2} or {@code ollama:nomic-embed-text}. */
    String modelId();

    /** Length of every vector this embedder returns. May compute it once (Ollama asks the server). */
    int dimensions();

    /**
     * Embeds {@code texts} in order.
     *
     * @throws EmbeddingException when the model cannot be loaded or the server fails
     */
    List<float[]> embed(List<String> texts);
}
