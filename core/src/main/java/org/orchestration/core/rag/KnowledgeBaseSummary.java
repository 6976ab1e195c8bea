package org.orchestration.core.rag;

import java.nio.file.Path;

/**
 * A knowledge base with its document and chunk counts, as the knowledge screen lists it.
 * {@code state}: "ready", "indexing", "failed" or "empty" (a cancelled index is "ready" when it
 * kept documents, else "empty").
 */
public record KnowledgeBaseSummary(String id, String name, Path folder, int documents, int chunks, String state) {
}
