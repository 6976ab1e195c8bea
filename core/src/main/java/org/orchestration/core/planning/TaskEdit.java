package org.orchestration.core.planning;

/**
 * What plan review lets a person change on a planned task before approving; a null field is
 * left as it is.
 */
public record TaskEdit(String title, String description, String complexity) {
}
