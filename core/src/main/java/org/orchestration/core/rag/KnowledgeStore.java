package org.orchestration.core.rag;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.NotFoundException;

/** SQL for knowledge_bases, documents, chunks (+ chunks_fts) and symbols. Values are always bound. */
final class KnowledgeStore {

    private static final String KB_COLUMNS = "id, owner_id, name, root_path, embedding_model, embedding_dims, status, "
            + "last_indexed_at, last_error, created_at";

    record DocRow(long id, String path, String hash) {
    }

    record ChunkRow(long id, String kbId, String path, String text, int startLine, int endLine) {
    }

    private final Database db;

    KnowledgeStore(Database db) {
        this.db = db;
    }

    void insert(KnowledgeBase kb) {
        db.update("INSERT INTO knowledge_bases (" + KB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                kb.id(), kb.ownerId(), kb.name(), kb.rootPath(), kb.embeddingModel(), kb.embeddingDims(),
                kb.status(), kb.lastIndexedAt(), kb.lastError(), kb.createdAt());
    }

    Optional<KnowledgeBase> find(String id) {
        return db.queryOne("SELECT " + KB_COLUMNS + " FROM knowledge_bases WHERE id = ?", KnowledgeStore::kb, id);
    }

    List<KnowledgeBase> list(String ownerIdOrNull) {
        if (ownerIdOrNull == null) {
            return db.query("SELECT " + KB_COLUMNS + " FROM knowledge_bases ORDER BY created_at, rowid", KnowledgeStore::kb);
        }
        return db.query("SELECT " + KB_COLUMNS + " FROM knowledge_bases WHERE owner_id = ? ORDER BY created_at, rowid",
                KnowledgeStore::kb, ownerIdOrNull);
    }

    int countDocuments(String kbId) {
        return (int) db.queryLong("SELECT COUNT(*) FROM documents WHERE kb_id = ?", kbId);
    }

    int countChunks(String kbId) {
        return (int) db.queryLong("SELECT COUNT(*) FROM chunks WHERE kb_id = ?", kbId);
    }

    /** Deletes the base and everything indexed from it (chunks first so the FTS triggers run per row). */
    void delete(String id) {
        db.inTransaction(() -> {
            db.update("DELETE FROM chunks WHERE kb_id = ?", id);
            db.update("DELETE FROM symbols WHERE kb_id = ?", id);
            db.update("DELETE FROM documents WHERE kb_id = ?", id);
            db.update("DELETE FROM knowledge_bases WHERE id = ?", id);
        });
    }

    void setStatus(String id, KbStatus status, String error, Instant lastIndexedAt) {
        if (lastIndexedAt != null) {
            db.update("UPDATE knowledge_bases SET status = ?, last_error = ?, last_indexed_at = ? WHERE id = ?",
                    status, error, lastIndexedAt, id);
        } else {
            db.update("UPDATE knowledge_bases SET status = ?, last_error = ? WHERE id = ?", status, error, id);
        }
    }

    /** Bases left INDEXING by a crash become FAILED; returns how many. */
    int failInterrupted() {
        return db.update("UPDATE knowledge_bases SET status = 'FAILED', last_error = ? WHERE status = 'INDEXING'",
                "Indexing was interrupted when the app stopped; reindex to finish it.");
    }

    Map<String, DocRow> documents(String kbId) {
        Map<String, DocRow> out = new HashMap<>();
        db.query("SELECT id, path, content_hash FROM documents WHERE kb_id = ?",
                rs -> new DocRow(rs.getLong(1), rs.getString(2), rs.getString(3)), kbId)
                .forEach(d -> out.put(d.path(), d));
        return out;
    }

    void deleteDocument(long documentId) {
        db.inTransaction(() -> deleteDocumentRows(documentId));
    }

    private void deleteDocumentRows(long documentId) {
        db.update("DELETE FROM chunks WHERE document_id = ?", documentId);
        db.update("DELETE FROM symbols WHERE document_id = ?", documentId);
        db.update("DELETE FROM documents WHERE id = ?", documentId);
    }

    /** Replaces (or adds) one document with its chunks, vectors and symbols in one transaction. */
    void replaceDocument(String kbId, String path, String hash, long size, Instant at,
                         List<Chunk> chunks, List<float[]> vectors, List<Symbol> symbols) {
        db.inTransaction(() -> {
            db.queryOne("SELECT id FROM documents WHERE kb_id = ? AND path = ?", rs -> rs.getLong(1), kbId, path)
                    .ifPresent(this::deleteDocumentRows);
            long docId = db.insertReturningId(
                    "INSERT INTO documents (kb_id, path, content_hash, size_bytes, indexed_at) VALUES (?, ?, ?, ?, ?)",
                    kbId, path, hash, size, at);
            List<Object[]> chunkRows = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                chunkRows.add(new Object[] {docId, kbId, i, c.text(), c.startLine(), c.endLine(), Vectors.toBlob(vectors.get(i))});
            }
            if (!chunkRows.isEmpty()) {
                db.batch("INSERT INTO chunks (document_id, kb_id, ordinal, text, start_line, end_line, embedding) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", chunkRows);
            }
            List<Object[]> symbolRows = new ArrayList<>(symbols.size());
            for (Symbol s : symbols) {
                symbolRows.add(new Object[] {docId, kbId, s.name(), s.kind(), s.language(), s.signature(), s.line()});
            }
            if (!symbolRows.isEmpty()) {
                db.batch("INSERT INTO symbols (document_id, kb_id, name, kind, language, signature, line) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", symbolRows);
            }
        });
    }

    long chunkCount(String kbId) {
        return db.queryLong("SELECT count(*) FROM chunks WHERE kb_id = ?", kbId);
    }

    /** Every vector and symbol of a base, for {@link IndexCache}. */
    LoadedIndex loadIndex(String kbId) {
        KnowledgeBase kb = find(kbId).orElseThrow(() -> new NotFoundException("Knowledge base " + kbId + " does not exist."));
        return db.withReadConnection(c -> {
            int dims = kb.embeddingDims();
            List<Long> ids = new ArrayList<>();
            float[] all = new float[1024 * dims];
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, embedding FROM chunks WHERE kb_id = ? ORDER BY id")) {
                ps.setString(1, kbId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        float[] v = Vectors.fromBlob(rs.getBytes(2));
                        if (v.length != dims) {
                            throw new SQLException("chunk " + rs.getLong(1) + " has " + v.length + " dimensions, expected " + dims);
                        }
                        if ((n + 1) * dims > all.length) {
                            all = Arrays.copyOf(all, all.length * 2);
                        }
                        System.arraycopy(Vectors.normalize(v), 0, all, n * dims, dims);
                        ids.add(rs.getLong(1));
                        n++;
                    }
                }
            }
            List<LoadedIndex.SymbolEntry> symbols = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.name, s.kind, s.language, s.signature, s.line, d.path "
                    + "FROM symbols s JOIN documents d ON d.id = s.document_id WHERE s.kb_id = ? ORDER BY d.path, s.line")) {
                ps.setString(1, kbId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        symbols.add(new LoadedIndex.SymbolEntry(kbId,
                                new Symbol(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)),
                                rs.getString(6)));
                    }
                }
            }
            long[] chunkIds = ids.stream().mapToLong(Long::longValue).toArray();
            return new LoadedIndex(kbId, kb.embeddingModel(), dims, chunkIds, Arrays.copyOf(all, n * dims), symbols);
        });
    }

    /**
     * Chunk ids matching an FTS5 expression, best bm25 first. {@code match} must come from
     * {@link FtsQuery} (quoted terms only) and is bound as a parameter.
     */
    List<Long> keyword(List<String> kbIds, String match, int limit) {
        if (kbIds.isEmpty()) {
            return List.of();
        }
        // Fast path: let FTS5 rank on its own (ORDER BY rank LIMIT is its optimised top-N, no join
        // per match), over-fetching, then keep the chunks of the asked knowledge bases. When other
        // bases crowd the over-fetched window out, the exact join below answers instead.
        int window = Math.max(limit * KEYWORD_OVERFETCH, limit);
        List<String> windowKbs = new ArrayList<>();
        List<Long> windowIds = db.query("SELECT f.rowid, c.kb_id FROM (SELECT rowid, rank FROM chunks_fts WHERE chunks_fts MATCH ? "
                        + "ORDER BY rank LIMIT ?) f JOIN chunks c ON c.id = f.rowid ORDER BY f.rank",
                rs -> {
                    windowKbs.add(rs.getString(2));
                    return rs.getLong(1);
                }, match, window);
        List<Long> fast = new ArrayList<>();
        for (int i = 0; i < windowIds.size() && fast.size() < limit; i++) {
            if (kbIds.contains(windowKbs.get(i))) {
                fast.add(windowIds.get(i));
            }
        }
        if (fast.size() == limit || windowIds.size() < window) {
            return fast; // either full, or every match was seen
        }
        String in = String.join(", ", Collections.nCopies(kbIds.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(match);
        params.addAll(kbIds);
        params.add(limit);
        return db.query("SELECT c.id FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid "
                + "WHERE chunks_fts MATCH ? AND c.kb_id IN (" + in + ") ORDER BY bm25(chunks_fts) LIMIT ?",
                rs -> rs.getLong(1), params.toArray());
    }

    /**
     * How many chunks (of every base) match an FTS5 expression, counted only up to {@code cap}:
     * reads at most {@code cap} postings and ranks nothing, so it is cheap even for common words.
     */
    long countMatches(String match, long cap) {
        return db.queryLong("SELECT count(*) FROM (SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ?)", match, cap);
    }

    /** How many more candidates than asked the fast keyword path reads before filtering by base. */
    static final int KEYWORD_OVERFETCH = 4;

    Map<Long, ChunkRow> chunks(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<Long, ChunkRow> out = new HashMap<>();
        db.query("SELECT c.id, c.kb_id, d.path, c.text, c.start_line, c.end_line FROM chunks c "
                        + "JOIN documents d ON d.id = c.document_id WHERE c.id IN (" + in + ")",
                rs -> new ChunkRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)),
                ids.toArray())
                .forEach(r -> out.put(r.id(), r));
        return out;
    }

    private static KnowledgeBase kb(ResultSet rs) throws SQLException {
        long indexed = rs.getLong(8);
        boolean indexedNull = rs.wasNull();
        return new KnowledgeBase(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), KbStatus.valueOf(rs.getString(7)), indexedNull ? null : Instant.ofEpochMilli(indexed),
                rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)));
    }
}
