package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.SymbolHit;

/**
 * {@code lookup_type(name)}: classes, functions and types found in the user's indexed source code
 * whose name contains {@code name} (case-insensitive, literal), with signature and location.
 */
public final class LookupTypeTool extends BaseTool {

    public static final String NAME = "lookup_type";
    private static final int LIMIT = 20;
    private final KnowledgeSearch search;

    public LookupTypeTool(KnowledgeSearch search) {
        super(NAME, "Find classes, interfaces, functions and types by name in the user's indexed "
                + "source code (Java, Python, TypeScript/JavaScript, Go). Returns signature, file and line.",
                ToolInput.schema()
                        .string("name", "The name or part of it, e.g. \"UserService\" or \"parse\".", true)
                        .string("kb", "Id or name of one knowledge base; omit to search all of them.", false)
                        .build());
        this.search = search;
    }

    @Override
    ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel) throws ToolInput.Invalid {
        String name = ToolInput.requiredText(input, "name");
        String kb = ToolInput.optionalString(input, "kb");
        List<String> warnings = new ArrayList<>();
        List<SymbolHit> hits = search.lookupSymbol(context.user(), kb, name, LIMIT, warnings);
        StringBuilder sb = new StringBuilder();
        warnings.forEach(w -> sb.append("Note: ").append(w).append('\n'));
        if (hits.isEmpty()) {
            return ToolOutcome.ok(sb.append("No class, function or type named like \"").append(name).append("\" was found.").toString());
        }
        for (SymbolHit hit : hits) {
            sb.append(hit.symbol().kind()).append(' ').append(hit.symbol().name()).append(" (")
                    .append(hit.symbol().language()).append(") at ").append(hit.path()).append(':')
                    .append(hit.symbol().line()).append("\n    ").append(hit.symbol().signature()).append('\n');
        }
        return ToolOutcome.ok(sb.toString().stripTrailing());
    }
}
