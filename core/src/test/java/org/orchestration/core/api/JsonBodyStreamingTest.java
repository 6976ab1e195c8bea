package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.ValidationException;

/**
 * Request bodies are parsed from the stream under a hard cap: a body past the cap is refused
 * after reading at most one byte more than the cap (the rest is never read, so never held), and
 * the parser's own limits refuse hostile nesting.
 */
class JsonBodyStreamingTest {

    /** {@code {"name":"aaaa...} that never ends, counting what the parser pulled from it. */
    private static final class EndlessString extends InputStream {
        private final byte[] head = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        long served;

        @Override
        public int read() {
            int next = served < head.length ? head[(int) served] : 'a';
            served++;
            return next;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) read();
            }
            return len;
        }
    }

    @Test
    void aBodyPastTheCapIsRefusedWithoutReadingTheRest() {
        EndlessString endless = new EndlessString();

        assertThatThrownBy(() -> JsonBody.parse(endless, 100_000))
                .isInstanceOfSatisfying(ApiRefusedException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("larger than 100000 bytes");
        assertThat(endless.served).isLessThanOrEqualTo(100_001);
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() {
        String json = "{\"name\":\"" + "a".repeat(90) + "\"}";

        JsonBody body = JsonBody.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), json.length());

        assertThat(body.requiredString("name", 1, 100)).hasSize(90);
    }

    @Test
    void nestingDeeperThanTheLimitIsA400NamingTheBody() {
        String deep = "{\"prices\":" + "[".repeat(JsonBody.MAX_NESTING) + "]".repeat(JsonBody.MAX_NESTING) + "}";

        assertThatThrownBy(() -> JsonBody.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("body"))
                .hasMessageContaining("nested deeper than " + JsonBody.MAX_NESTING);
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        String nested = "{\"prices\":" + "[".repeat(JsonBody.MAX_NESTING - 1) + "]".repeat(JsonBody.MAX_NESTING - 1) + "}";

        assertThat(JsonBody.parse(nested.getBytes(StandardCharsets.UTF_8)).has("prices")).isTrue();
    }

    @Test
    void anEmptyStreamIsAnEmptyObject() {
        assertThat(JsonBody.parse(new ByteArrayInputStream(new byte[0]), 10).has("name")).isFalse();
    }
}
