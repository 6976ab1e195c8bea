package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ToolSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a tool's spec and keeps the {@link Tool} promise that a tool never throws: bad input,
 * refused paths and service errors become {@link ToolOutcome#error}; an unexpected exception is
 * logged and reported to the model as a failure of the tool.
 */
abstract class BaseTool implements Tool {

    private static final Logger log = LoggerFactory.getLogger(BaseTool.class);
    private final ToolSpec spec;

    BaseTool(String name, String description, ObjectNode inputSchema) {
        this.spec = new ToolSpec(name, description, inputSchema);
    }

    @Override
    public final ToolSpec spec() {
        return spec;
    }

    @Override
    public final ToolOutcome execute(ToolContext context, JsonNode input, CancellationToken cancel) {
        try {
            return run(context, input, cancel);
        } catch (ToolInput.Invalid | Workspace.Refused | AppException e) {
            return ToolOutcome.error(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Tool {} failed unexpectedly", spec.name(), e);
            return ToolOutcome.error("The " + spec.name() + " tool failed unexpectedly: " + e);
        }
    }

    /** The tool's work; may throw the input/path/service errors that {@link #execute} turns into tool errors. */
    abstract ToolOutcome run(ToolContext context, JsonNode input, CancellationToken cancel)
            throws ToolInput.Invalid, Workspace.Refused;
}
