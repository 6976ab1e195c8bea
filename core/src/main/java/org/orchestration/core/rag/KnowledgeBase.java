package org.orchestration.core.rag;

import java.time.Instant;

/**
 * A knowledge base: a local folder indexed for search.
 *
 * @param embeddingModel the embedder it was built with ({@link Embedder#modelId()}); searching
 *                       or reindexing with another embedder is refused
 */
public record KnowledgeBase(String id, String ownerId, String name, String rootPath, String embeddingModel,
                            int embeddingDims, KbStatus status, Instant lastIndexedAt, String lastError,
                            Instant createdAt) {
}
