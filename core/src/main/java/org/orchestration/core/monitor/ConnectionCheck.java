package org.orchestration.core.monitor;

/** Result of a "Test connection" button: a sentence either way. */
public record ConnectionCheck(boolean ok, String message) {
}
