package org.orchestration.core.rag;

import java.util.List;

/** Hits, best first, plus warnings about knowledge bases that could not be searched. */
public record SearchResult(List<SearchHit> hits, List<String> warnings) {

    public SearchResult {
        hits = List.copyOf(hits);
        warnings = List.copyOf(warnings);
    }

    public static SearchResult empty(String warning) {
        return new SearchResult(List.of(), warning == null ? List.of() : List.of(warning));
    }
}
