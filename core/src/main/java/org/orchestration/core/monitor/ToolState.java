package org.orchestration.core.monitor;

/** A registered tool and whether it can be used right now ({@code note} says why not). */
public record ToolState(String name, String description, boolean available, String note) {
}
