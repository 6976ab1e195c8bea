package org.orchestration.core.usage;

/** Spend grouped under a name (a project, a model). */
public record NamedSpend(String name, long micros) {
}
