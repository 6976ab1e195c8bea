package org.orchestration.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.orchestration.core.rag.Embedder;

/**
 * A fast, deterministic embedder for tests: a hashed bag of words (texts sharing words are
 * similar). Counts its calls so tests can see what was (re)embedded.
 */
public final class FakeEmbedder implements Embedder {

    public static final int DIMS = 64;
    private final String modelId;
    private final AtomicInteger texts = new AtomicInteger();

    public FakeEmbedder() {
        this("fake:bag-of-words");
    }

    public FakeEmbedder(String modelId) {
        this.modelId = modelId;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimensions() {
        return DIMS;
    }

    /** How many texts were embedded so far. */
    public int textsEmbedded() {
        return texts.get();
    }

    @Override
    public List<float[]> embed(List<String> input) {
        List<float[]> out = new ArrayList<>();
        for (String text : input) {
            texts.incrementAndGet();
            float[] v = new float[DIMS];
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), DIMS)] += 1;
                }
            }
            out.add(v);
        }
        return out;
    }
}
