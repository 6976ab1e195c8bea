package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory vector scan at the size (50k chunks x 384 dimensions). The target is
 * p95 <= 50 ms (measured in the bench module); this test only guards against a gross regression,
 * with a generous bound for a loaded 2-core CI machine.
 */
class VectorSearchLatencyTest {

    private static final Logger log = LoggerFactory.getLogger(VectorSearchLatencyTest.class);

    @Test
    void nearestOver50kChunksStaysWellUnderASecond() {
        int n = 50_000;
        int dims = 384;
        Random random = new Random(42);
        float[] vectors = new float[n * dims];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
            float[] v = new float[dims];
            for (int d = 0; d < dims; d++) {
                v[d] = (float) random.nextGaussian();
            }
            System.arraycopy(Vectors.normalize(v), 0, vectors, i * dims, dims);
        }
        LoadedIndex index = new LoadedIndex("kb", "m", dims, ids, vectors, List.of());
        for (int warm = 0; warm < 5; warm++) {
            index.nearest(Vectors.normalize(Arrays.copyOfRange(vectors, 0, dims)), 40);
        }
        long[] nanos = new long[40];
        for (int q = 0; q < nanos.length; q++) {
            float[] query = Vectors.normalize(Arrays.copyOfRange(vectors, q * dims, (q + 1) * dims));
            long start = System.nanoTime();
            List<LoadedIndex.Scored> top = index.nearest(query, 40);
            nanos[q] = System.nanoTime() - start;
            assertThat(top.get(0).chunkId()).isEqualTo(q + 1);
        }
        Arrays.sort(nanos);
        long p50 = nanos[nanos.length / 2] / 1_000_000;
        long p95 = nanos[(int) (nanos.length * 0.95)] / 1_000_000;
        log.info("vector scan over {} chunks: p50 {} ms, p95 {} ms", n, p50, p95);
        assertThat(p95).isLessThan(500);
    }
}
