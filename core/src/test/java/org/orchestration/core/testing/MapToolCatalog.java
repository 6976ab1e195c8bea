package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolCatalog;
import org.orchestration.core.tools.ToolContext;
import org.orchestration.core.tools.ToolOutcome;

/** A {@link ToolCatalog} over the tools given; {@link #echo()} is a tool that returns its input. */
public final class MapToolCatalog implements ToolCatalog {

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public MapToolCatalog(Tool... tools) {
        for (Tool t : tools) {
            this.tools.put(t.name(), t);
        }
    }

    @Override
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    @Override
    public List<ToolSpec> specsFor(List<String> names) {
        return names.stream().filter(tools::containsKey).map(n -> tools.get(n).spec()).toList();
    }

    @Override
    public List<String> available() {
        return List.copyOf(tools.keySet());
    }

    /** "echo": answers "echo: " + the input's "text" field. */
    public static Tool echo() {
        ToolSpec spec = new ToolSpec("echo", "Repeats the text it is given.",
                Json.mapper().createObjectNode().put("type", "object"));
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public ToolOutcome execute(ToolContext context, JsonNode input, CancellationToken cancel) {
                return ToolOutcome.ok("echo: " + input.path("text").asText());
            }
        };
    }
}
