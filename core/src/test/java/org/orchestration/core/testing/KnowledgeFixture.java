package org.orchestration.core.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.Embedder;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.IndexReport;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;

/** Builds indexed knowledge bases for tests of search and the knowledge tools. */
public final class KnowledgeFixture {

    private final Database db;
    private final Embedder embedder;
    private final IndexCache cache;

    public KnowledgeFixture(Database db, Embedder embedder) {
        this.db = db;
        this.embedder = embedder;
        this.cache = new IndexCache(KnowledgeBaseService.indexLoader(db), Clock.systemUTC());
    }

    public IndexCache cache() {
        return cache;
    }

    /** Creates a knowledge base over {@code folder} owned by {@code owner}, indexes it and returns its id. */
    public String index(User owner, String name, Path folder) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            // The folder is allowed as a root (the owner may be a normal user); the protected folders are beside it.
            SettingsStore settings = new SettingsStore(db, Clock.systemUTC());
            settings.put(KnowledgeRoots.ALLOWED_ROOTS_KEY, List.of(folder.toRealPath().toString()));
            KnowledgeRoots roots = new KnowledgeRoots(settings, folder.resolveSibling(".data"), folder.resolveSibling(".config"));
            KnowledgeBaseService service = new KnowledgeBaseService(db, embedder, new RecordingEvents(), executor, cache,
                    Clock.systemUTC(), 1_000_000, roots);
            String id = service.create(owner, name, folder.toString()).id();
            IndexReport report = service.reindex(owner, id, null, CancellationToken.none()).get(120, TimeUnit.SECONDS);
            if (report.error() != null) {
                throw new IllegalStateException("indexing failed: " + report.error());
            }
            return id;
        } finally {
            executor.shutdown();
        }
    }
}
