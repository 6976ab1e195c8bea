package org.orchestration.ui.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.ui.port.KnowledgeBaseView;
import org.orchestration.ui.port.KnowledgePort;
import org.orchestration.ui.port.SearchHit;

/** {@link KnowledgePort} on {@link KnowledgeBaseService} and {@link KnowledgeSearch}. */
final class KnowledgeAdapter implements KnowledgePort {

    private final KnowledgeBaseService bases;
    private final KnowledgeSearch search;
    private final Database db;

    KnowledgeAdapter(KnowledgeBaseService bases, KnowledgeSearch search, Database db) {
        this.bases = bases;
        this.search = search;
        this.db = db;
    }

    @Override
    public List<KnowledgeBaseView> knowledgeBases(User actor) {
        return bases.list(actor).stream().map(this::view).toList();
    }

    @Override
    public Path ownFolder(User actor) {
        return bases.ownFolder(actor);
    }

    @Override
    public KnowledgeBaseView addFolder(User actor, String name, Path folder) {
        return view(bases.create(actor, name, folder == null ? null : folder.toString()));
    }

    /** Blocks the calling (background) thread until the index run ends; progress comes from the indexer's thread. */
    @Override
    public void index(User actor, String knowledgeBaseId, BiConsumer<Integer, Integer> progress, CancellationToken cancel) {
        try {
            bases.reindex(actor, knowledgeBaseId, p -> progress.accept(p.filesDone(), p.filesTotal()), cancel).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        } catch (CancellationException e) {
            // stopped on request
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageException("Indexing failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public List<SearchHit> search(User actor, String knowledgeBaseId, String query, int limit) {
        return search.search(actor, knowledgeBaseId, query, Math.min(limit, KnowledgeSearch.MAX_K)).hits().stream()
                .map(h -> new SearchHit(h.path() + ":" + h.startLine() + "-" + h.endLine(), h.text(), h.score()))
                .toList();
    }

    @Override
    public void deleteKnowledgeBase(User actor, String knowledgeBaseId) {
        bases.delete(actor, knowledgeBaseId);
    }

    private KnowledgeBaseView view(KnowledgeBase kb) {
        int documents = (int) db.queryLong("SELECT COUNT(*) FROM documents WHERE kb_id = ?", kb.id());
        int chunks = (int) db.queryLong("SELECT COUNT(*) FROM chunks WHERE kb_id = ?", kb.id());
        String state = switch (kb.status()) {
            case CANCELLED -> documents > 0 ? "ready" : "empty";
            default -> kb.status().name().toLowerCase(Locale.ROOT);
        };
        return new KnowledgeBaseView(kb.id(), kb.name(), Path.of(kb.rootPath()), documents, chunks, state);
    }
}
