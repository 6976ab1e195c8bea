package org.orchestration.core.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool offered to the model: name, description and JSON Schema of its input object. */
public record ToolSpec(String name, String description, JsonNode inputSchema) {
}
