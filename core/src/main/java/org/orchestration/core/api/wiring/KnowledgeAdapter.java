package org.orchestration.core.api.wiring;

import org.orchestration.core.api.backend.KnowledgeApi;
import org.orchestration.core.api.backend.KnowledgeCreate;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.IndexProgressListener;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeSearch;

/**
 * Knowledge bases: creating one starts its first indexing at once (progress as {@code kb.progress}
 * events); the answer is the base as it is then (status INDEXING).
 */
final class KnowledgeAdapter implements KnowledgeApi {

    private final KnowledgeBaseService bases;
    private final KnowledgeSearch search;

    KnowledgeAdapter(KnowledgeBaseService bases, KnowledgeSearch search) {
        this.bases = bases;
        this.search = search;
    }

    @Override
    public Object listKnowledgeBases(User actor) {
        return bases.list(actor);
    }

    @Override
    public Object createKnowledgeBase(User actor, KnowledgeCreate request) {
        KnowledgeBase kb = bases.create(actor, request.name(), request.folder());
        return reindex(actor, kb.id());
    }

    @Override
    public Object reindexKnowledgeBase(User actor, String knowledgeBaseId) {
        return reindex(actor, knowledgeBaseId);
    }

    private KnowledgeBase reindex(User actor, String kbId) {
        bases.reindex(actor, kbId, IndexProgressListener.NONE, new CancellationToken());
        return bases.get(actor, kbId);
    }

    @Override
    public Object searchKnowledgeBase(User actor, String knowledgeBaseId, String query, int k) {
        return search.search(actor, knowledgeBaseId, query, k);
    }
}
