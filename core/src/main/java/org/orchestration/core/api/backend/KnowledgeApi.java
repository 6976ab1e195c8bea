package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/** Knowledge bases ({@code core.rag.KnowledgeBaseService} / {@code KnowledgeSearch}). */
public interface KnowledgeApi {

    Object listKnowledgeBases(User actor);

    Object createKnowledgeBase(User actor, KnowledgeCreate request);

    /** Starts re-indexing the base's folder. */
    Object reindexKnowledgeBase(User actor, String knowledgeBaseId);

    /** The same hybrid (FTS5 + vector) search the tools use; {@code k} is 1..50. */
    Object searchKnowledgeBase(User actor, String knowledgeBaseId, String query, int k);
}
