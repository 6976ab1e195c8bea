package org.orchestration.ui.port;

/** One search result: the document, a text snippet and a score (higher is better). */
public record SearchHit(String document, String snippet, double score) {
}
