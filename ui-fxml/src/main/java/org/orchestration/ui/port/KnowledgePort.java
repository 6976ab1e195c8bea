package org.orchestration.ui.port;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.core.rag.SearchHit;

/** Knowledge bases built from local folders. */
public interface KnowledgePort {

    List<KnowledgeBaseSummary> knowledgeBases(User actor);

    /** The actor's own knowledge folder (created when missing); they may always index inside it. */
    Path ownFolder(User actor);

    /** Refused with the service's message (field {@code folder}) for a folder outside what the actor may index. */
    KnowledgeBaseSummary addFolder(User actor, String name, Path folder);

    /**
     * (Re)indexes; reports progress as (done, total) documents from the calling thread; stops
     * early when {@code cancel} is cancelled.
     */
    void index(User actor, String knowledgeBaseId, BiConsumer<Integer, Integer> progress, CancellationToken cancel);

    List<SearchHit> search(User actor, String knowledgeBaseId, String query, int limit);

    void deleteKnowledgeBase(User actor, String knowledgeBaseId);
}
