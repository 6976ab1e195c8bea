package org.orchestration.bench.scenarios;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.orchestration.bench.support.BenchEnv;
import org.orchestration.bench.support.Corpus;
import org.orchestration.bench.support.NoopEvents;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.rag.FtsQuery;
import org.orchestration.core.rag.InProcessEmbedder;
import org.orchestration.core.rag.IndexCache;
import org.orchestration.core.rag.IndexReport;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.rag.LoadedIndex;
import org.orchestration.core.rag.SearchResult;
import org.orchestration.core.rag.Vectors;

/**
 * Knowledge bases: indexing throughput with the real in-process model, and hybrid query latency
 * at two index sizes. Embedding tens of thousands of chunks for real would take far longer than
 * the rest of the suite, so the bulk of the large indexes is synthetic (random unit vectors and
 * generated prose inserted straight into {@code documents}/{@code chunks}, the FTS triggers
 * included); every query is embedded by the real model and answered by the real
 * {@link KnowledgeSearch} (FTS5 bm25 + in-memory cosine scan + rank fusion + chunk fetch).
 */
public final class RagScenario implements Scenario {

    /** Thread CPU time: on a shared machine it shows the work a query does, whatever the load. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static final int SYNTHETIC_CHUNKS_PER_DOC = 50;

    private final int indexFiles;
    private final int sectionsPerFile;
    private final int[] sizes;
    private final int queries;

    public RagScenario(int indexFiles, int sectionsPerFile, int[] sizes, int queries) {
        this.indexFiles = indexFiles;
        this.sectionsPerFile = sectionsPerFile;
        this.sizes = sizes.clone();
        this.queries = queries;
    }

    public static RagScenario standard(boolean quick) {
        return quick ? new RagScenario(3, 3, new int[] {300, 1_000}, 10)
                : new RagScenario(30, 10, new int[] {10_000, 50_000}, 100);
    }

    @Override
    public String name() {
        return "rag";
    }

    @Override
    public String description() {
        return "Index %d markdown files (%d sections of ~600 chars) with the in-process all-MiniLM-L6-v2 model; then %d hybrid queries (k=5) at %s chunks."
                .formatted(indexFiles, sectionsPerFile, queries, Arrays.toString(sizes));
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        AppConfig config = BenchEnv.config(context.workDir().resolve("data"), Map.of());
        Corpus corpus = new Corpus(42, 5_000);
        Path folder = context.workDir().resolve("corpus");
        corpus.writeMarkdown(folder, indexFiles, sectionsPerFile, 600);
        List<Metric> metrics = new ArrayList<>();
        ExecutorService indexThread = Executors.newSingleThreadExecutor();
        try (Database db = BenchEnv.open(config)) {
            User owner = BenchEnv.insertUser(db, Role.USER);
            InProcessEmbedder embedder = new InProcessEmbedder();
            long loadStart = System.nanoTime();
            embedder.preload();
            double modelLoadS = (System.nanoTime() - loadStart) / 1e9;
            IndexCache cache = new IndexCache(KnowledgeBaseService.indexLoader(db), Clock.systemUTC());
            KnowledgeBaseService bases = new KnowledgeBaseService(db, embedder, new NoopEvents(), indexThread, cache,
                    Clock.systemUTC(), config.files().maxFileBytes(), allowing(db, config, folder));
            KnowledgeSearch search = new KnowledgeSearch(db, cache, embedder);

            // Indexing: a fresh base over the same folder per repeat (a full, not incremental, index).
            List<Double> chunksPerSecond = new ArrayList<>();
            String searchBase = null;
            int realChunks = 0;
            for (int r = 0; r < context.repeats(); r++) {
                String id = bases.create(owner, "corpus-" + r, folder.toString()).id();
                long start = System.nanoTime();
                IndexReport report = bases.reindex(owner, id, null, CancellationToken.none()).get(30, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (report.error() != null) {
                    throw new IllegalStateException("indexing failed: " + report.error());
                }
                chunksPerSecond.add(report.chunks() / seconds);
                if (searchBase == null) {
                    searchBase = id;
                    realChunks = report.chunks();
                }
            }
            metrics.add(Metric.info("index throughput", "chunks/s", Stats.of(chunksPerSecond)));
            metrics.add(Metric.info("model load (once)", "s", Stats.of(List.of(modelLoadS))));

            List<String> queryTexts = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                queryTexts.add(corpus.query());
            }
            int filled = realChunks;
            for (int size : sizes) {
                filled += fill(db, corpus, searchBase, filled, size - filled);
                cache.invalidate(searchBase);
                long loadIndexStart = System.nanoTime();
                LoadedIndex index = cache.get(searchBase);
                double indexLoadMs = (System.nanoTime() - loadIndexStart) / 1e6;
                String label = size >= 1000 ? (size / 1000) + "k" : String.valueOf(size);
                for (int w = 0; w < Math.min(20, queries); w++) { // warm-up: JIT, page cache
                    search.search(owner, searchBase, queryTexts.get(w), 5);
                }
                List<Double> p50 = new ArrayList<>();
                List<Double> p95 = new ArrayList<>();
                List<Double> embedMs = new ArrayList<>();
                List<Double> vectorMs = new ArrayList<>();
                List<Double> keywordMs = new ArrayList<>();
                List<Double> keywordCpuMs = new ArrayList<>();
                List<Double> plainOrMs = new ArrayList<>();
                List<Double> plainOrCpuMs = new ArrayList<>();
                List<Double> queryCpuMs = new ArrayList<>();
                for (int r = 0; r < context.repeats(); r++) {
                    List<Double> latencies = new ArrayList<>();
                    for (String q : queryTexts) {
                        long c0 = CPU.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        SearchResult result = search.search(owner, searchBase, q, 5);
                        latencies.add((System.nanoTime() - t0) / 1e6);
                        queryCpuMs.add((CPU.getCurrentThreadCpuTime() - c0) / 1e6);
                        if (!result.warnings().isEmpty()) {
                            throw new IllegalStateException("search warned: " + result.warnings());
                        }
                    }
                    Stats s = Stats.of(latencies);
                    p50.add(s.p50());
                    p95.add(s.p95());
                    // Where the time goes, measured on the same queries one part at a time.
                    for (String q : queryTexts) {
                        long t0 = System.nanoTime();
                        float[] v = Vectors.normalize(embedder.embed(List.of(q)).get(0));
                        long t1 = System.nanoTime();
                        index.nearest(v, 40);
                        long t2 = System.nanoTime();
                        long c2 = CPU.getCurrentThreadCpuTime();
                        search.search(owner, searchBase, q, 5, KnowledgeSearch.Mode.KEYWORD);
                        long c3 = CPU.getCurrentThreadCpuTime();
                        long t3 = System.nanoTime();
                        embedMs.add((t1 - t0) / 1e6);
                        vectorMs.add((t2 - t1) / 1e6);
                        keywordMs.add((t3 - t2) / 1e6);
                        keywordCpuMs.add((c3 - c2) / 1e6);
                        // Reference: the plain plan (every word ORed, bm25 over all matches) on the same index and load.
                        String or = FtsQuery.build(q).orElseThrow();
                        long t4 = System.nanoTime();
                        long c4 = CPU.getCurrentThreadCpuTime();
                        db.query("SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT 160", rs -> rs.getLong(1), or);
                        plainOrCpuMs.add((CPU.getCurrentThreadCpuTime() - c4) / 1e6);
                        plainOrMs.add((System.nanoTime() - t4) / 1e6);
                    }
                }
                String target = size >= 50_000 ? "<= 50" : "";
                metrics.add(Metric.info("query p50 @" + label, "ms", Stats.of(p50)));
                metrics.add(target.isEmpty() ? Metric.info("query p95 @" + label, "ms", Stats.of(p95))
                        : Metric.of("query p95 @" + label, "ms", Stats.of(p95), target));
                metrics.add(Metric.info("  part: embed query @" + label, "ms", Stats.of(embedMs)));
                metrics.add(Metric.info("  part: vector scan @" + label, "ms", Stats.of(vectorMs)));
                metrics.add(Metric.info("  part: keyword (FTS5+fetch) @" + label, "ms", Stats.of(keywordMs)));
                metrics.add(Metric.info("  part: keyword CPU time @" + label, "ms", Stats.of(keywordCpuMs)));
                metrics.add(Metric.info("  ref: plain OR ranking (old plan) @" + label, "ms", Stats.of(plainOrMs)));
                metrics.add(Metric.info("  ref: plain OR ranking CPU time @" + label, "ms", Stats.of(plainOrCpuMs)));
                metrics.add(Metric.info("query CPU time @" + label, "ms", Stats.of(queryCpuMs)));
                metrics.add(Metric.info("index load from SQLite @" + label, "ms", Stats.of(List.of(indexLoadMs))));
            }
        } finally {
            indexThread.shutdownNow();
        }
        String note = "Indexing: a fresh base per repeat, real chunking + embedding + SQLite writes, model loaded beforehand. "
                + "Queries: the bulk of each index is synthetic (random unit vectors + generated prose inserted into the tables, FTS triggers included); "
                + "each query is embedded by the real model and runs the real hybrid search. p50/p95 are per repeat of " + queries
                + " queries; the table shows their median over repeats. 'part' rows split a query into its steps (pooled samples).";
        return new ScenarioResult(name(), description(), context.repeats(), metrics, note);
    }

    /** Adds {@code count} synthetic chunks to {@code kbId} in documents of 50, committing every 100 documents. */
    /** Knowledge roots that let the benchmark's normal user index {@code folder} (an admin-allowed root). */
    private static KnowledgeRoots allowing(Database db, AppConfig config, Path folder) throws IOException {
        SettingsStore settings = new SettingsStore(db, Clock.systemUTC());
        settings.put(KnowledgeRoots.ALLOWED_ROOTS_KEY, List.of(folder.toRealPath().toString()));
        return new KnowledgeRoots(settings, config.dataDir(), config.dataDir().resolveSibling("config"));
    }

    private static int fill(Database db, Corpus corpus, String kbId, int already, int count) {
        if (count <= 0) {
            return 0;
        }
        int docs = (count + SYNTHETIC_CHUNKS_PER_DOC - 1) / SYNTHETIC_CHUNKS_PER_DOC;
        int added = 0;
        long now = System.currentTimeMillis();
        for (int batchStart = 0; batchStart < docs; batchStart += 100) {
            int batchEnd = Math.min(docs, batchStart + 100);
            int base = batchStart;
            int[] addedInBatch = {0};
            db.inTransaction(() -> {
                for (int d = base; d < batchEnd; d++) {
                    long docId = db.insertReturningId(
                            "INSERT INTO documents (kb_id, path, content_hash, size_bytes, indexed_at) VALUES (?, ?, ?, ?, ?)",
                            kbId, "synthetic/" + already + "-" + d + ".md", "synthetic", 0, now);
                    int n = Math.min(SYNTHETIC_CHUNKS_PER_DOC, count - d * SYNTHETIC_CHUNKS_PER_DOC);
                    List<Object[]> rows = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        rows.add(new Object[] {docId, kbId, i, corpus.paragraph(300 + i % 5 * 100), i * 10 + 1, i * 10 + 10,
                            Vectors.toBlob(corpus.unitVector(InProcessEmbedder.DIMENSIONS))});
                    }
                    db.batch("INSERT INTO chunks (document_id, kb_id, ordinal, text, start_line, end_line, embedding) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            rows);
                    addedInBatch[0] += n;
                }
            });
            added += addedInBatch[0];
        }
        return added;
    }
}
