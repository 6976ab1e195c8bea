package org.orchestration.core.rag;

/**
 * One search result: a chunk of {@code path} (relative to the knowledge base's folder) covering
 * lines {@code startLine..endLine} (1-based, inclusive). {@code score} is the fused RRF score
 * (higher is better; only comparable within one result list).
 */
public record SearchHit(String kbId, String path, int startLine, int endLine, String text, double score) {
}
