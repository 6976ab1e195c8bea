package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.SearchHit;
import org.orchestration.ui.port.KnowledgePort;

/** {@link KnowledgePort} on {@link KnowledgeBaseService} and {@link KnowledgeSearch}. */
final class KnowledgeAdapter implements KnowledgePort {

    private final KnowledgeBaseService bases;
    private final KnowledgeSearch search;

    KnowledgeAdapter(KnowledgeBaseService bases, KnowledgeSearch search) {
        this.bases = bases;
        this.search = search;
    }

    @Override
    public List<KnowledgeBaseSummary> knowledgeBases(User actor) {
        return bases.summaries(actor);
    }

    @Override
    public Path ownFolder(User actor) {
        return bases.ownFolder(actor);
    }

    @Override
    public KnowledgeBaseSummary addFolder(User actor, String name, Path folder) {
        return bases.summary(actor, bases.create(actor, name, folder == null ? null : folder.toString()).id());
    }

    @Override
    public void index(User actor, String knowledgeBaseId, BiConsumer<Integer, Integer> progress, CancellationToken cancel) {
        bases.reindexAndWait(actor, knowledgeBaseId, p -> progress.accept(p.filesDone(), p.filesTotal()), cancel);
    }

    @Override
    public List<SearchHit> search(User actor, String knowledgeBaseId, String query, int limit) {
        return search.search(actor, knowledgeBaseId, query, Math.min(limit, KnowledgeSearch.MAX_K)).hits();
    }

    @Override
    public void deleteKnowledgeBase(User actor, String knowledgeBaseId) {
        bases.delete(actor, knowledgeBaseId);
    }
}
