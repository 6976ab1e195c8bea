package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.SearchHit;
import org.orchestration.core.rag.SearchResult;

/**
 * {@code search_knowledge(query, kb?, k?)}: hybrid keyword + semantic search over the acting
 * user's knowledge bases. Each hit shows its source path and line range.
 */
public final class SearchKnowledgeTool extends BaseTool {

    public static final String NAME = "search_knowledge";
    private static final int MAX_HIT_CHARS = 1500;
    private final KnowledgeSearch search;

    public SearchKnowledgeTool(KnowledgeSearch search) {
        super(NAME, "Search the user's knowledge bases (indexed local folders: docs, notes, source code) "
                + "for passages relevant to a query. Returns passages with their file and line range.",
                ToolInput.schema()
                        .string("query", "What to look for, in plain words.", true)
                        .string("kb", "Id or name of one knowledge base; omit to search all of them.", false)
                        .integer("k", "How many passages to return (1-" + KnowledgeSearch.MAX_K + ", default 5).", false)
                        .build());
        this.search = search;
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid {
        String query = ToolInput.requiredText(input, "query");
        String kb = ToolInput.optionalString(input, "kb");
        int k = ToolInput.optionalInt(input, "k", 5, 1, KnowledgeSearch.MAX_K);
        SearchResult result = search.search(context.user(), kb, query, k);
        StringBuilder sb = new StringBuilder();
        result.warnings().forEach(w -> sb.append("Note: ").append(w).append('\n'));
        if (result.hits().isEmpty()) {
            return ToolOutcome.ok(sb.append("No passages matched \"").append(query).append("\".").toString());
        }
        int n = 1;
        for (SearchHit hit : result.hits()) {
            String text = hit.text().length() > MAX_HIT_CHARS ? hit.text().substring(0, MAX_HIT_CHARS) + "..." : hit.text();
            sb.append('[').append(n++).append("] ").append(hit.path()).append(" lines ").append(hit.startLine())
                    .append('-').append(hit.endLine()).append(String.format(" (score %.4f)%n", hit.score()))
                    .append(text).append("\n\n");
        }
        return ToolOutcome.ok(sb.toString().stripTrailing());
    }
}
