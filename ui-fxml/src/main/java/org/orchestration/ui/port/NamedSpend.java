package org.orchestration.ui.port;

/** Spend grouped under a name (a project, a model). */
public record NamedSpend(String name, long micros) {
}
