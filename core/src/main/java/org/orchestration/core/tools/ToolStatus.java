package org.orchestration.core.tools;

/** One tool as the Services view shows it: available, or failed with the reason it could not be built. */
public record ToolStatus(String name, boolean available, String reason) {
}
