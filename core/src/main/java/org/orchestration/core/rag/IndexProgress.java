package org.orchestration.core.rag;

/**
 * Where a reindex stands.
 *
 * @param filesDone  files handled so far (indexed, unchanged or skipped)
 * @param filesTotal indexable files found in the folder
 * @param chunks     chunks written so far by this run
 * @param status     INDEXING while running, then READY, FAILED or CANCELLED
 */
public record IndexProgress(String kbId, int filesDone, int filesTotal, int chunks, KbStatus status) {
}
