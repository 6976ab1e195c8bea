package org.orchestration.ui.port;

/** One tool call a task made, with its input and result (both as display text). */
public record ToolCallView(String tool, String input, String result, boolean error) {
}
