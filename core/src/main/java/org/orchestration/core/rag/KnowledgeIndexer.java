package org.orchestration.core.rag;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.llm.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reindex of one knowledge base: walks the folder, and for each new or changed file reads,
 * chunks, extracts symbols, embeds (outside any transaction) and then replaces the document's
 * rows in one transaction. Unchanged files (same SHA-256) are skipped; documents whose file is
 * gone are deleted. Checks the cancellation token between files and embedding batches, so a
 * cancel stops within one batch and leaves every committed document consistent.
 */
final class KnowledgeIndexer {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndexer.class);
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "target", "build", "dist", "out",
            "__pycache__", "venv", ".venv", "vendor");
    private static final int EMBED_BATCH = 32;

    private final KnowledgeStore store;
    private final Embedder embedder;
    private final EventPublisher events;
    private final Clock clock;
    private final long maxFileBytes;
    private final Chunker chunker = new Chunker();
    private final SymbolExtractor symbols = new SymbolExtractor();
    private final DocumentReader reader = new DocumentReader();
    private final KnowledgeRoots roots;

    KnowledgeIndexer(KnowledgeStore store, Embedder embedder, EventPublisher events, Clock clock, long maxFileBytes,
                     KnowledgeRoots roots) {
        this.roots = roots;
        this.store = store;
        this.embedder = embedder;
        this.events = events;
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * Runs the reindex over {@code root} (the base's folder by real path, already checked);
     * throws {@link CancellationException} when cancelled, anything else on failure.
     */
    IndexReport run(KnowledgeBase kb, Path root, IndexProgressListener listener, CancellationToken cancel) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("The folder " + root + " no longer exists or is not a folder.");
        }
        List<Path> files = walk(root);
        Map<String, KnowledgeStore.DocRow> existing = store.documents(kb.id());
        Set<String> present = new HashSet<>();
        for (Path f : files) {
            present.add(relative(root, f));
        }
        int removed = 0;
        for (KnowledgeStore.DocRow doc : existing.values()) {
            if (!present.contains(doc.path())) {
                store.deleteDocument(doc.id());
                removed++;
            }
        }
        int done = 0;
        int indexed = 0;
        int unchanged = 0;
        int chunkCount = 0;
        List<String> skipped = new ArrayList<>();
        ProgressReporter progress = reporter(listener);
        progress.report(new IndexProgress(kb.id(), 0, files.size(), 0, KbStatus.INDEXING));
        for (Path file : files) {
            checkCancel(cancel);
            String rel = relative(root, file);
            SourceKind kind = SourceKind.of(file.getFileName().toString()).orElseThrow();
            try {
                // By real path: a symbolic link must not carry the index outside the folder (or into config.json).
                Path real = roots.readable(root, file).orElseThrow(() -> {
                    log.warn("Skipping {} in knowledge base {}: it leads outside the folder", file, kb.id());
                    return new DocumentReader.NotIndexable("a link to a file outside the folder");
                });
                long size = Files.size(real);
                if (size > maxFileBytes) {
                    throw new DocumentReader.NotIndexable("larger than " + maxFileBytes + " bytes");
                }
                byte[] bytes = Files.readAllBytes(real);
                String hash = sha256(bytes);
                KnowledgeStore.DocRow old = existing.get(rel);
                if (old != null && old.hash().equals(hash)) {
                    unchanged++;
                } else {
                    String text = reader.read(file, bytes, kind);
                    List<Chunk> chunks = chunker.chunk(text, kind.format());
                    List<Symbol> found = kind.format() == SourceKind.Format.CODE ? symbols.extract(text, kind.language()) : List.of();
                    List<float[]> vectors = embed(chunks, cancel);
                    store.replaceDocument(kb.id(), rel, hash, size, clock.instant(), chunks, vectors, found);
                    indexed++;
                    chunkCount += chunks.size();
                }
            } catch (DocumentReader.NotIndexable e) {
                skipped.add(rel + ": " + e.getMessage());
                dropStale(existing.get(rel));
            } catch (IOException e) {
                skipped.add(rel + ": unreadable (" + e.getMessage() + ")");
                dropStale(existing.get(rel));
            }
            done++;
            progress.report(new IndexProgress(kb.id(), done, files.size(), chunkCount, KbStatus.INDEXING));
        }
        log.info("Indexed knowledge base {}: {} files, {} indexed, {} unchanged, {} removed, {} skipped, {} chunks",
                kb.id(), files.size(), indexed, unchanged, removed, skipped.size(), chunkCount);
        return new IndexReport(kb.id(), KbStatus.READY, files.size(), indexed, unchanged, removed, chunkCount,
                List.copyOf(skipped), null);
    }

    /** A file that can no longer be indexed must not keep answering with its old content. */
    private void dropStale(KnowledgeStore.DocRow old) {
        if (old != null) {
            store.deleteDocument(old.id());
        }
    }

    private List<float[]> embed(List<Chunk> chunks, CancellationToken cancel) {
        List<float[]> out = new ArrayList<>(chunks.size());
        for (int from = 0; from < chunks.size(); from += EMBED_BATCH) {
            checkCancel(cancel);
            List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + EMBED_BATCH)).stream()
                    .map(Chunk::text).toList();
            out.addAll(embedder.embed(texts));
        }
        return out;
    }

    /** A reporter for one run (its event throttle is per run, so concurrent runs do not hide each other's events). */
    ProgressReporter reporter(IndexProgressListener listener) {
        return new ProgressReporter(events, listener);
    }

    private static void checkCancel(CancellationToken cancel) {
        if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Indexing was cancelled.");
        }
    }

    /**
     * Indexable files under {@code root}, sorted: regular files and links to files (which
     * {@link #run} checks by real path); hidden and build folders are skipped and linked folders are not followed.
     */
    static List<Path> walk(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || SKIPPED_DIRS.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                boolean fileOrLink = attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file));
                if (fileOrLink && !name.startsWith(".") && SourceKind.of(name).isPresent()) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("Skipping unreadable {}: {}", file, e.getMessage());
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
