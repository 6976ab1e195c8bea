package org.orchestration.core.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most {@code cap} bytes of a request body and refuses the request (413) as soon as one
 * more arrives, so a body without a Content-Length (chunked) that grows past the limit is refused
 * mid-stream instead of being buffered whole.
 */
final class CappedInputStream extends FilterInputStream {

    private final long cap;
    private long read;

    CappedInputStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never ask for more than one byte past the cap: that byte is enough to know the body is too large.
        int n = super.read(buffer, offset, (int) Math.min(length, cap - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, cap - read + 1));
        count(skipped);
        return skipped;
    }

    /** Bytes read so far. */
    long bytesRead() {
        return read;
    }

    private void count(long n) {
        read += n;
        if (read > cap) {
            throw new ApiRefusedException(413, "The request body is larger than " + cap + " bytes.");
        }
    }
}
