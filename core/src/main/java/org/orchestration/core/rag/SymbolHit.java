package org.orchestration.core.rag;

/** A symbol found by {@link KnowledgeSearch#lookupSymbol}, with its file (relative to the base's folder). */
public record SymbolHit(String kbId, String path, Symbol symbol) {
}
