package org.orchestration.core.rag;

import java.util.List;

/**
 * The outcome of one reindex.
 *
 * @param indexed   files (re)indexed because they were new or changed
 * @param unchanged files skipped because their content hash was unchanged
 * @param removed   documents deleted because their file is gone
 * @param skipped   files left out (binary, too large, unreadable), with the reason
 */
public record IndexReport(String kbId, KbStatus status, int filesTotal, int indexed, int unchanged, int removed,
                          int chunks, List<String> skipped, String error) {
}
