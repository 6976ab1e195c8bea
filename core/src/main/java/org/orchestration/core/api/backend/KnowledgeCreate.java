package org.orchestration.core.api.backend;

/** {@code POST /api/knowledge}: name 1..200 and the local folder to index (path checks are the service's). */
public record KnowledgeCreate(String name, String folder) {
}
