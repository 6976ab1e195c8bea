package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderErrorsTest {

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 529})
    void retryableStatusesAreTransient(int status) {
        assertThat(ProviderErrors.fromStatus("anthropic", "Anthropic", status, null, null).kind())
                .isEqualTo(ProviderException.Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void clientStatusesArePermanent(int status) {
        assertThat(ProviderErrors.fromStatus("anthropic", "Anthropic", status, null, null).kind())
                .isEqualTo(ProviderException.Kind.PERMANENT);
    }

    @Test
    void retryAfterSecondsAreParsedAndRoundedUp() {
        assertThat(ProviderErrors.parseRetryAfter("30")).contains(Duration.ofSeconds(30));
        assertThat(ProviderErrors.parseRetryAfter("1.5")).contains(Duration.ofMillis(1_500));
        assertThat(ProviderErrors.parseRetryAfter("-3")).contains(Duration.ZERO);
    }

    @Test
    void unparseableRetryAfterIsIgnored() {
        assertThat(ProviderErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
        assertThat(ProviderErrors.parseRetryAfter(null)).isEmpty();
    }

    @Test
    void rateLimitWithoutRetryAfterSaysLater() {
        ProviderException e = ProviderErrors.fromStatus("anthropic", "Anthropic", 429, null, "slow down");

        assertThat(e.getMessage()).isEqualTo("Anthropic rate limit reached; retrying later");
        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void cancellationWinsOverTheIoErrorItCaused() {
        ProviderException e = ProviderErrors.fromIo("ollama", "Ollama", "http://x", new IOException("Canceled"), true);

        assertThat(e.kind()).isEqualTo(ProviderException.Kind.CANCELLED);
        assertThat(e.getMessage()).isEqualTo("The Ollama call was cancelled");
    }

    @Test
    void networkFailuresAreTransientSentences() {
        assertThat(ProviderErrors.fromIo("ollama", "Ollama", "http://h:1", new IOException(new ConnectException("refused")), false)
                .getMessage()).isEqualTo("Ollama is unreachable at http://h:1 (connection refused); retrying later");
        assertThat(ProviderErrors.fromIo("ollama", "Ollama", "http://h:1", new InterruptedIOException("timeout"), false)
                .getMessage()).isEqualTo("Ollama did not answer in time; retrying later");
    }
}
