package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ToolSpec;

/**
 * A tool a model may call during a task's tool loop. Implementations are thread-safe. A tool
 * never throws for bad input or a failing backend: it returns {@link ToolOutcome#error} with a
 * sentence the model can read and act on.
 */
public interface Tool {

    /** Name, description and input schema offered to the model. */
    ToolSpec spec();

    default String name() {
        return spec().name();
    }

    ToolOutcome execute(ToolContext context, JsonNode input, CancellationToken cancel);

    /**
     * The local service this tool calls, by the name its health check goes by ("ollama",
     * "comfyui"), or empty for a tool that needs none. A tool whose service was last seen down
     * is shown as unavailable (see {@code core.monitor.ToolAvailability}).
     */
    default Optional<String> service() {
        return Optional.empty();
    }
}
