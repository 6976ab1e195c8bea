package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hybrid search over knowledge bases: FTS5 keyword ranking (bm25) and cosine similarity of
 * embeddings, fused with reciprocal rank fusion ({@code sum 1 / (60 + rank)}). Vectors come from
 * the shared {@link IndexCache} (in memory), so a query never reads embedding BLOBs. Keyword
 * queries go through {@link FtsQuery}: nothing in the query text is FTS syntax; a query that still
 * fails in SQLite yields no keyword hits and a logged warning, never an exception. Which FTS5
 * queries run is chosen by {@link KeywordPlan}, so common words never make bm25 rank most of a
 * large index.
 */
public final class KnowledgeSearch {

    public enum Mode { HYBRID, KEYWORD, VECTOR }

    public static final int MAX_K = 50;
    private static final int RRF_K = 60;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeSearch.class);

    private final KnowledgeStore store;
    private final IndexCache cache;
    private final Embedder embedder;

    public KnowledgeSearch(Database db, IndexCache cache, Embedder embedder) {
        this.store = new KnowledgeStore(db);
        this.cache = cache;
        this.embedder = embedder;
    }

    /** {@link #search(User, String, String, int, Mode)} in {@link Mode#HYBRID}. */
    public SearchResult search(User actor, String kbIdOrNull, String query, int k) {
        return search(actor, kbIdOrNull, query, k, Mode.HYBRID);
    }

    /**
     * The top {@code k} (1..{@value #MAX_K}) chunks for {@code query}.
     *
     * @param kbIdOrNull one base by id (owner or admin) or by name (own bases), or null for all of the actor's own bases
     * @throws NotFoundException when the named base does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the actor may not see it
     * @throws org.orchestration.core.errors.ConflictException when the named base was built with another embedder
     */
    public SearchResult search(User actor, String kbIdOrNull, String query, int k, Mode mode) {
        List<KnowledgeBase> scope = scope(actor, kbIdOrNull);
        int limit = Math.max(1, Math.min(MAX_K, k));
        if (query == null || query.isBlank() || scope.isEmpty()) {
            return SearchResult.empty(scope.isEmpty() ? "No knowledge base to search." : null);
        }
        List<String> warnings = new ArrayList<>();
        int candidates = Math.max(limit * 4, 40);
        List<List<Long>> rankings = new ArrayList<>();
        if (mode != Mode.VECTOR) {
            rankings.add(keyword(scope, query, candidates));
        }
        if (mode != Mode.KEYWORD) {
            rankings.add(vector(scope, query, candidates, warnings));
        }
        Map<Long, Double> fused = new HashMap<>();
        for (List<Long> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                fused.merge(ranking.get(rank), 1.0 / (RRF_K + rank + 1), Double::sum);
            }
        }
        List<Map.Entry<Long, Double>> top = new ArrayList<>(fused.entrySet());
        top.sort((a, b) -> {
            int c = Double.compare(b.getValue(), a.getValue());
            return c != 0 ? c : Long.compare(a.getKey(), b.getKey());
        });
        if (top.size() > limit) {
            top = top.subList(0, limit);
        }
        Map<Long, KnowledgeStore.ChunkRow> rows = store.chunks(top.stream().map(Map.Entry::getKey).toList());
        List<SearchHit> hits = new ArrayList<>();
        for (Map.Entry<Long, Double> e : top) {
            KnowledgeStore.ChunkRow row = rows.get(e.getKey());
            if (row != null) { // deleted by a concurrent reindex since the index was loaded
                hits.add(new SearchHit(row.kbId(), row.path(), row.startLine(), row.endLine(), row.text(), e.getValue()));
            }
        }
        return new SearchResult(hits, warnings);
    }

    /**
     * Symbols whose name contains {@code name} literally (case-insensitive; {@code %} and {@code _}
     * are plain characters), exact matches first, at most {@code limit}. Bases whose index cannot be
     * loaded are skipped and named in {@code warnings}.
     */
    public List<SymbolHit> lookupSymbol(User actor, String kbIdOrNull, String name, int limit, List<String> warnings) {
        List<KnowledgeBase> scope = scope(actor, kbIdOrNull);
        if (name == null || name.isBlank()) {
            return List.of();
        }
        List<SymbolHit> exact = new ArrayList<>();
        List<SymbolHit> partial = new ArrayList<>();
        String needle = name.strip();
        for (KnowledgeBase kb : scope) {
            Optional<LoadedIndex> index = load(kb, warnings);
            if (index.isEmpty()) {
                continue;
            }
            for (LoadedIndex.SymbolEntry s : index.get().findSymbols(needle)) {
                SymbolHit hit = new SymbolHit(kb.id(), s.path(), s.symbol());
                (s.symbol().name().equalsIgnoreCase(needle) ? exact : partial).add(hit);
            }
        }
        exact.addAll(partial);
        return exact.size() > limit ? List.copyOf(exact.subList(0, limit)) : exact;
    }

    private List<KnowledgeBase> scope(User actor, String kbIdOrNull) {
        AccessPolicy.requireUser(actor);
        if (kbIdOrNull != null && !kbIdOrNull.isBlank()) {
            KnowledgeBase kb = store.find(kbIdOrNull)
                    .or(() -> byName(actor, kbIdOrNull))
                    .orElseThrow(() -> new NotFoundException("Knowledge base " + kbIdOrNull + " does not exist."));
            AccessPolicy.requireOwnerOrAdmin(actor, kb.ownerId(), "knowledge base");
            KnowledgeBaseService.requireSameModel(kb, embedder);
            return List.of(kb);
        }
        // "All" means the actor's own bases, admins included: an admin's task must not search
        // other people's folders unless it names one explicitly.
        List<KnowledgeBase> all = store.list(actor.id());
        return all.stream().filter(kb -> {
            if (!kb.embeddingModel().equals(embedder.modelId())) {
                log.debug("Skipping knowledge base {}: built with {}", kb.id(), kb.embeddingModel());
                return false;
            }
            return true;
        }).toList();
    }

    /** A model may name a base rather than give its id; only the actor's own bases match by name. */
    private Optional<KnowledgeBase> byName(User actor, String name) {
        return store.list(actor.id()).stream().filter(kb -> kb.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /**
     * Keyword candidates, best first: the {@link KeywordPlan}'s AND query (when there is one), then
     * its OR query for the rest. The plan keeps common words from making bm25 rank most of the index.
     */
    private List<Long> keyword(List<KnowledgeBase> scope, String query, int limit) {
        List<String> words = FtsQuery.words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        List<String> kbIds = scope.stream().map(KnowledgeBase::id).toList();
        try {
            KeywordPlan plan = KeywordPlan.of(words,
                    word -> store.countMatches(FtsQuery.quote(word), KeywordPlan.BUDGET + 1));
            LinkedHashSet<Long> ids = new LinkedHashSet<>();
            if (plan.conjunction().isPresent()) {
                ids.addAll(store.keyword(kbIds, plan.conjunction().get(), limit));
            }
            if (ids.size() < limit) {
                for (Long id : store.keyword(kbIds, plan.disjunction(), limit)) {
                    if (ids.size() == limit) {
                        break;
                    }
                    ids.add(id);
                }
            }
            return new ArrayList<>(ids);
        } catch (RuntimeException e) {
            log.warn("Keyword search failed for query {}; answering without keyword hits: {}", abbreviate(query), e.getMessage());
            return List.of();
        }
    }

    private List<Long> vector(List<KnowledgeBase> scope, String query, int limit, List<String> warnings) {
        float[] q;
        try {
            q = Vectors.normalize(embedder.embed(List.of(query)).get(0));
        } catch (AppException | IndexOutOfBoundsException e) {
            log.warn("Embedding the query failed; answering with keyword hits only: {}", e.getMessage());
            warnings.add("Semantic search is unavailable (" + e.getMessage() + "); results are keyword matches only.");
            return List.of();
        }
        List<LoadedIndex.Scored> all = new ArrayList<>();
        for (KnowledgeBase kb : scope) {
            load(kb, warnings).ifPresent(index -> all.addAll(index.nearest(q, limit)));
        }
        all.sort((a, b) -> Double.compare(b.score(), a.score()));
        LinkedHashMap<Long, Boolean> ids = new LinkedHashMap<>();
        for (LoadedIndex.Scored s : all) {
            if (ids.size() == limit) {
                break;
            }
            ids.put(s.chunkId(), true);
        }
        return new ArrayList<>(ids.keySet());
    }

    private Optional<LoadedIndex> load(KnowledgeBase kb, List<String> warnings) {
        try {
            return Optional.of(cache.get(kb.id()));
        } catch (IndexUnavailableException e) {
            warnings.add("Knowledge base \"" + kb.name() + "\" is unavailable: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
