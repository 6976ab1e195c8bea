package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.SymbolHit;

/**
 * {@code lookup_type(name)}: classes, functions and types found in the user's indexed source code
 * whose name contains {@code name} (case-insensitive, literal), with signature and location.
 */
public final class LookupTypeTool implements Tool {

    public static final String NAME = "lookup_type";
    private static final int LIMIT = 20;
    private final KnowledgeSearch search;
    private final ToolSpec spec;

    public LookupTypeTool(KnowledgeSearch search) {
        this.search = search;
        this.spec = new ToolSpec(NAME, "Find classes, interfaces, functions and types by name in the user's indexed "
                + "source code (Java, Python, TypeScript/JavaScript, Go). Returns signature, file and line.",
                ToolInput.schema()
                        .string("name", "The name or part of it, e.g. \"UserService\" or \"parse\".", true)
                        .string("kb", "Id or name of one knowledge base; omit to search all of them.", false)
                        .build());
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolOutcome execute(ToolContext context, JsonNode input, CancellationToken cancel) {
        try {
            String name = ToolInput.requiredString(input, "name");
            String kb = ToolInput.optionalString(input, "kb");
            if (name.isBlank()) {
                return ToolOutcome.error("The \"name\" argument is empty.");
            }
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
        } catch (ToolInput.Invalid | AppException e) {
            return ToolOutcome.error(e.getMessage());
        }
    }
}
