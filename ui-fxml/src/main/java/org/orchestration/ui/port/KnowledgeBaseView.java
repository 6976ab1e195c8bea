package org.orchestration.ui.port;

import java.nio.file.Path;

/** A knowledge base built from a local folder. {@code state}: "ready", "indexing", "failed", "empty". */
public record KnowledgeBaseView(String id, String name, Path folder, int documents, int chunks, String state) {
}
