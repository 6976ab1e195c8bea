package org.orchestration.core.rag;

/** Lifecycle of a knowledge base's index, stored in {@code knowledge_bases.status}. */
public enum KbStatus {
    /** Created, never indexed. */
    EMPTY,
    /** A reindex is running. */
    INDEXING,
    /** The last reindex finished. */
    READY,
    /** The last reindex failed; {@code lastError} says why. */
    FAILED,
    /** The last reindex was cancelled; what was committed before the cancel stays searchable. */
    CANCELLED
}
