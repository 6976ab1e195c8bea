package org.orchestration.ui.port;

/** What plan review lets a person change on a planned task before approving. */
public record TaskEdit(String title, String description, String complexity) {
}
