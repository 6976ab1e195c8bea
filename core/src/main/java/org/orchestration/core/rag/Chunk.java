package org.orchestration.core.rag;

/** A piece of a document with its 1-based inclusive line range in the source. */
public record Chunk(String text, int startLine, int endLine) {
}
