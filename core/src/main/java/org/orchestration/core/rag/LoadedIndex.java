package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * One knowledge base held in memory for fast search: every chunk's normalised vector in one flat
 * float array (row {@code i} belongs to {@code chunkIds[i]}) and the symbols found in its code.
 * Immutable once built; shared between threads.
 */
public final class LoadedIndex {

    /** A symbol with the document it was found in. */
    public record SymbolEntry(String kbId, Symbol symbol, String path) {
    }

    /** A chunk id with its cosine similarity to a query. */
    public record Scored(long chunkId, double score) {
    }

    private final String kbId;
    private final String embeddingModel;
    private final int dims;
    private final long[] chunkIds;
    private final float[] vectors;
    private final List<SymbolEntry> symbols;
    private final String[] lowerNames;

    public LoadedIndex(String kbId, String embeddingModel, int dims, long[] chunkIds, float[] vectors, List<SymbolEntry> symbols) {
        if (vectors.length != (long) chunkIds.length * dims) {
            throw new IllegalArgumentException("vectors do not match " + chunkIds.length + " chunks of " + dims + " dimensions");
        }
        this.kbId = kbId;
        this.embeddingModel = embeddingModel;
        this.dims = dims;
        this.chunkIds = chunkIds;
        this.vectors = vectors;
        this.symbols = List.copyOf(symbols);
        this.lowerNames = symbols.stream().map(s -> s.symbol().name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    public String kbId() {
        return kbId;
    }

    public String embeddingModel() {
        return embeddingModel;
    }

    public int size() {
        return chunkIds.length;
    }

    /** The {@code n} chunks most similar to {@code query} (already normalised), best first. */
    public List<Scored> nearest(float[] query, int n) {
        if (query.length != dims || n <= 0) {
            return List.of();
        }
        PriorityQueue<Scored> top = new PriorityQueue<>(n + 1, (a, b) -> Double.compare(a.score(), b.score()));
        for (int row = 0, off = 0; row < chunkIds.length; row++, off += dims) {
            float dot = dot(vectors, off, query, dims);
            if (top.size() < n) {
                top.add(new Scored(chunkIds[row], dot));
            } else if (dot > top.peek().score()) {
                top.poll();
                top.add(new Scored(chunkIds[row], dot));
            }
        }
        List<Scored> out = new ArrayList<>(top);
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    /**
     * Dot product of {@code v[off..off+dims)} and {@code q}. Four independent accumulators let the
     * CPU overlap the multiply-adds (a single running sum is one long dependency chain, which the
     * JIT cannot reorder for floats); this roughly triples the scan speed.
     */
    private static float dot(float[] v, int off, float[] q, int dims) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < dims; i += 4) {
            s0 += v[off + i] * q[i];
            s1 += v[off + i + 1] * q[i + 1];
            s2 += v[off + i + 2] * q[i + 2];
            s3 += v[off + i + 3] * q[i + 3];
        }
        for (; i < dims; i++) {
            s0 += v[off + i] * q[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Symbols whose name contains {@code name} as literal text, ignoring case (like SQL
     * {@code instr(lower(name), lower(?)) > 0}: no wildcard has a meaning). Exact matches first.
     */
    public List<SymbolEntry> findSymbols(String name) {
        String needle = name.toLowerCase(Locale.ROOT);
        List<SymbolEntry> exact = new ArrayList<>();
        List<SymbolEntry> partial = new ArrayList<>();
        for (int i = 0; i < lowerNames.length; i++) {
            if (lowerNames[i].equals(needle)) {
                exact.add(symbols.get(i));
            } else if (lowerNames[i].contains(needle)) {
                partial.add(symbols.get(i));
            }
        }
        partial.sort((a, b) -> Integer.compare(a.symbol().name().length(), b.symbol().name().length()));
        exact.addAll(partial);
        return exact;
    }
}
