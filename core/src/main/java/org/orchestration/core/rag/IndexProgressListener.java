package org.orchestration.core.rag;

/** Told about a reindex's progress on the indexing thread; must return quickly. */
@FunctionalInterface
public interface IndexProgressListener {

    IndexProgressListener NONE = p -> { };

    void onProgress(IndexProgress progress);
}
