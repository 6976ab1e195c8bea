package org.orchestration.core.rag;

import org.orchestration.core.errors.AppException;

/** An embedder could not produce vectors (model failed to load, Ollama down or erroring). */
public class EmbeddingException extends AppException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 503;
    }
}
