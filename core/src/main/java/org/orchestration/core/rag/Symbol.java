package org.orchestration.core.rag;

/**
 * A class, function or type found in source code.
 *
 * @param kind      class, interface, record, enum, method, function, type, struct ...
 * @param signature the declaring line, trimmed
 * @param line      1-based line of the declaration
 */
public record Symbol(String name, String kind, String language, String signature, int line) {
}
