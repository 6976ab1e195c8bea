package org.orchestration.core.rag;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embedding helpers: the BLOB format (float32 little-endian) and normalisation. */
public final class Vectors {

    private Vectors() {
    }

    public static byte[] toBlob(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    public static float[] fromBlob(byte[] blob) {
        float[] v = new float[blob.length / Float.BYTES];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero), so a dot product is the cosine. */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
