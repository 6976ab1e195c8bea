package org.orchestration.core.rag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.llm.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge bases: local folders a user indexes for {@code search_knowledge} and
 * {@code lookup_type}. Every method checks the acting user with {@link AccessPolicy}: a base is
 * visible to its owner and to admins. Indexing runs on the executor given to the constructor,
 * never on the caller's thread.
 */
public final class KnowledgeBaseService {

    public static final int MAX_NAME_LENGTH = 100;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeBaseService.class);

    private final KnowledgeStore store;
    private final Embedder embedder;
    private final ExecutorService executor;
    private final IndexCache cache;
    private final Clock clock;
    private final KnowledgeIndexer indexer;
    private final KnowledgeRoots roots;
    private final Map<String, CancellationToken> running = new ConcurrentHashMap<>();

    /**
     * @param embedder     the configured embedder; bases built with another one are refused
     * @param executor     background executor for reindexing (owned by the caller)
     * @param cache        the index cache shared with {@link KnowledgeSearch}; invalidated after each reindex
     * @param maxFileBytes files larger than this are skipped ({@code files.max_file_bytes})
     * @param roots        which folders (and files) a base may read
     */
    public KnowledgeBaseService(Database db, Embedder embedder, EventPublisher events, ExecutorService executor,
                                IndexCache cache, Clock clock, long maxFileBytes, KnowledgeRoots roots) {
        this.store = new KnowledgeStore(db);
        this.roots = roots;
        this.embedder = embedder;
        this.executor = executor;
        this.cache = cache;
        this.clock = clock;
        this.indexer = new KnowledgeIndexer(store, embedder, events, clock, maxFileBytes, roots);
    }

    /** The loader {@link IndexCache} should use for bases stored in {@code db}. */
    public static IndexCache.Loader indexLoader(Database db) {
        KnowledgeStore store = new KnowledgeStore(db);
        return store::loadIndex;
    }

    /**
     * Creates an empty knowledge base over {@code folder}, recording the configured embedder.
     *
     * @throws ValidationException ({@code name} or {@code folder}) when the name is blank or too long,
     *                             or the folder does not exist, is not a directory, is not readable, or
     *                             lies outside what {@link KnowledgeRoots} lets this user index
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public KnowledgeBase create(User actor, String name, String folder) {
        AccessPolicy.requireUser(actor);
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw new ValidationException("name", "Give the knowledge base a name.");
        }
        if (cleanName.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name", "The name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
        Path root = roots.confine(actor, actor.id(), folder);
        KnowledgeBase kb = new KnowledgeBase(UUID.randomUUID().toString(), actor.id(), cleanName, root.toString(),
                embedder.modelId(), embedder.dimensions(), KbStatus.EMPTY, null, null,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.insert(kb);
        log.info("Created knowledge base {} '{}' over {} for {}", kb.id(), cleanName, root, actor.id());
        return kb;
    }

    /**
     * Creates a knowledge base as {@link #create} and starts its first indexing at once (progress as
     * {@code kb.progress} events); answers the base as it is then (status INDEXING).
     */
    public KnowledgeBase createAndIndex(User actor, String name, String folder) {
        return startIndexing(actor, create(actor, name, folder).id());
    }

    /** Starts re-indexing as {@link #reindex} (no listener, no way to cancel) and answers the base as it is then. */
    public KnowledgeBase startIndexing(User actor, String kbId) {
        reindex(actor, kbId, IndexProgressListener.NONE, new CancellationToken());
        return get(actor, kbId);
    }

    /**
     * The actor's own knowledge folder ({@code <data>/knowledge/<user id>}), created when missing;
     * a user may always index inside it.
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public Path ownFolder(User actor) {
        return roots.ownFolder(AccessPolicy.requireUser(actor));
    }

    /** The caller's knowledge bases (admins: every base), oldest first. */
    public List<KnowledgeBase> list(User actor) {
        return store.list(AccessPolicy.seesAll(actor) ? null : actor.id());
    }

    /**
     * @throws NotFoundException  when no base has this id
     * @throws org.orchestration.core.errors.ForbiddenException when the actor is neither owner nor admin
     */
    public KnowledgeBase get(User actor, String kbId) {
        AccessPolicy.requireUser(actor);
        KnowledgeBase kb = store.find(kbId == null ? "" : kbId)
                .orElseThrow(() -> new NotFoundException("Knowledge base " + kbId + " does not exist."));
        AccessPolicy.requireOwnerOrAdmin(actor, kb.ownerId(), "knowledge base");
        return kb;
    }

    /** Deletes a base and its index (a running reindex is cancelled first). Owner or admin. */
    public void delete(User actor, String kbId) {
        KnowledgeBase kb = get(actor, kbId);
        CancellationToken token = running.get(kb.id());
        if (token != null) {
            token.cancel();
        }
        store.delete(kb.id());
        cache.invalidate(kb.id());
        log.info("Deleted knowledge base {} by {}", kb.id(), actor.id());
    }

    /**
     * Starts an incremental reindex on the background executor and returns at once. Progress goes
     * to {@code listener} and as "kb.progress" events; the future completes with the report (status
     * READY, CANCELLED or FAILED — it does not complete exceptionally for those).
     *
     * @throws ConflictException when this base is already being indexed, or was built with another
     *                           embedding model than the configured one
     * @throws ValidationException ({@code folder}) when the base's folder is no longer one the actor
     *                             may index (made before the rule, or its allowed root was removed)
     */
    public CompletableFuture<IndexReport> reindex(User actor, String kbId, IndexProgressListener listener,
                                                  CancellationToken cancel) {
        KnowledgeBase kb = get(actor, kbId);
        requireSameModel(kb, embedder);
        Path root = confineExisting(actor, kb);
        if (running.putIfAbsent(kb.id(), cancel) != null) {
            throw new ConflictException("Knowledge base \"" + kb.name() + "\" is already being indexed.");
        }
        IndexProgressListener safeListener = listener == null ? IndexProgressListener.NONE : listener;
        try {
            store.setStatus(kb.id(), KbStatus.INDEXING, null, null);
        } catch (RuntimeException e) {
            running.remove(kb.id());
            throw e;
        }
        try {
            return CompletableFuture.supplyAsync(() -> runIndex(kb, root, safeListener, cancel), executor);
        } catch (RejectedExecutionException e) {
            running.remove(kb.id());
            store.setStatus(kb.id(), KbStatus.FAILED, "The indexing executor is shut down.", null);
            throw new ConflictException("Indexing is not possible while the app is shutting down.");
        }
    }

    /** Re-checks a stored base's folder: the rule may have changed since it was created. */
    private Path confineExisting(User actor, KnowledgeBase kb) {
        Path stored = Path.of(kb.rootPath());
        if (!Files.isDirectory(stored)) {
            return stored; // nothing to read: the run fails with "no longer exists" and records it on the base
        }
        try {
            return roots.confine(actor, kb.ownerId(), kb.rootPath());
        } catch (ValidationException e) {
            log.warn("Refused to reindex knowledge base {} over {}: {}", kb.id(), kb.rootPath(), e.getMessage());
            throw new ValidationException("folder", "Knowledge base \"" + kb.name() + "\" is not indexed again. " + e.getMessage());
        }
    }

    private IndexReport runIndex(KnowledgeBase kb, Path root, IndexProgressListener listener, CancellationToken cancel) {
        IndexReport report;
        try {
            report = indexer.run(kb, root, listener, cancel);
            store.setStatus(kb.id(), KbStatus.READY, null, clock.instant());
        } catch (CancellationException e) {
            log.info("Indexing of knowledge base {} was cancelled", kb.id());
            report = new IndexReport(kb.id(), KbStatus.CANCELLED, 0, 0, 0, 0, 0, List.of(), "Cancelled.");
            setStatusIfExists(kb.id(), KbStatus.CANCELLED, null);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.warn("Indexing of knowledge base {} failed: {}", kb.id(), reason);
            report = new IndexReport(kb.id(), KbStatus.FAILED, 0, 0, 0, 0, 0, List.of(), reason);
            setStatusIfExists(kb.id(), KbStatus.FAILED, reason);
        } finally {
            running.remove(kb.id());
            cache.invalidate(kb.id());
        }
        indexer.reporter(listener).report(new IndexProgress(kb.id(), report.filesTotal(), report.filesTotal(), report.chunks(),
                report.status()));
        return report;
    }

    private void setStatusIfExists(String kbId, KbStatus status, String error) {
        try {
            store.setStatus(kbId, status, error, null);
        } catch (RuntimeException e) {
            log.warn("Could not record status {} for knowledge base {}: {}", status, kbId, e.getMessage());
        }
    }

    /**
     * Marks bases left INDEXING by an earlier run (the app stopped mid-index) as FAILED. Call once
     * at start-up, before anything reindexes. Returns how many were fixed.
     */
    public int recoverInterrupted() {
        return store.failInterrupted();
    }

    /** True while a reindex of {@code kbId} runs in this process. */
    public boolean isIndexing(String kbId) {
        return running.containsKey(kbId);
    }

    /** The caller's knowledge bases (admins: every base) with their counts, oldest first. */
    public List<KnowledgeBaseSummary> summaries(User actor) {
        return list(actor).stream().map(this::summary).toList();
    }

    /**
     * One base with its document and chunk counts.
     *
     * @throws NotFoundException  when no base has this id
     * @throws org.orchestration.core.errors.ForbiddenException when the actor is neither owner nor admin
     */
    public KnowledgeBaseSummary summary(User actor, String kbId) {
        return summary(get(actor, kbId));
    }

    private KnowledgeBaseSummary summary(KnowledgeBase kb) {
        int documents = store.countDocuments(kb.id());
        int chunks = store.countChunks(kb.id());
        String state = switch (kb.status()) {
            case CANCELLED -> documents > 0 ? "ready" : "empty"; // what was committed before the cancel stays searchable
            default -> kb.status().name().toLowerCase(Locale.ROOT);
        };
        return new KnowledgeBaseSummary(kb.id(), kb.name(), Path.of(kb.rootPath()), documents, chunks, state);
    }

    /**
     * {@link #reindex} and waits for the run to end on the calling (background) thread; progress
     * comes from the indexer's thread. An interrupt cancels the run; a cancelled run returns normally.
     *
     * @throws StorageException when the run fails with a checked cause; other failures as {@link #reindex} throws them
     */
    public void reindexAndWait(User actor, String kbId, IndexProgressListener listener, CancellationToken cancel) {
        try {
            reindex(actor, kbId, listener, cancel).get();
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

    static void requireSameModel(KnowledgeBase kb, Embedder embedder) {
        if (!kb.embeddingModel().equals(embedder.modelId())) {
            throw new ConflictException("Knowledge base \"" + kb.name() + "\" was built with the embedding model "
                    + kb.embeddingModel() + ", but " + embedder.modelId() + " is configured (rag.embedding_provider). "
                    + "Switch the setting back, or create a new knowledge base for this model.");
        }
    }
}
