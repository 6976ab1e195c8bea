package org.orchestration.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.testing.FakeAnthropicServer;
import org.orchestration.core.testing.FakeOllamaServer;

/** "Test connection" makes one real request and answers with a sentence, never an exception. */
class ConnectionTesterTest {

    private final HttpClients http = new HttpClients();
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
    private final FakeOllamaServer ollama = FakeOllamaServer.start();

    @AfterEach
    void tearDown() {
        anthropic.close();
        ollama.close();
        http.close();
    }

    private ConnectionTester services() {
        return new ConnectionTester(http, anthropic.baseUrl());
    }

    @Test
    void aWorkingAnthropicKeyIsReportedOkAndSentAsTheApiKeyHeader() {
        anthropic.enqueueRaw(200, "{\"data\":[]}");

        ConnectionCheck check = services().testAnthropic(" sk-ant-good ");

        assertThat(check.ok()).isTrue();
        assertThat(anthropic.takeRequest().getHeader("x-api-key")).isEqualTo("sk-ant-good");
    }

    @Test
    void aRefusedAnthropicKeyIsASentenceNotAnException() {
        anthropic.enqueueError(401, "authentication_error", "invalid x-api-key");

        ConnectionCheck check = services().testAnthropic("sk-ant-bad");

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("refused the key");
    }

    @Test
    void aReachableOllamaIsReportedWithItsVersion() {
        ollama.enqueueVersion("0.5.7");

        ConnectionCheck check = services().testOllama(ollama.baseUrl() + "/");

        assertThat(check.ok()).isTrue();
        assertThat(check.message()).isEqualTo("Connected to Ollama 0.5.7.");
    }

    @Test
    void anUnreachableOllamaIsASentenceNamingTheAddress() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort;

        ConnectionCheck check = services().testOllama(url);

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).startsWith("Could not reach Ollama at " + url);
    }

    @Test
    void aMalformedOllamaAddressIsExplainedWithoutARequest() {
        ConnectionCheck check = services().testOllama("not a url");

        assertThat(check.ok()).isFalse();
        assertThat(check.message()).contains("is not a valid address");
        assertThat(ollama.requestCount()).isZero();
    }
}
