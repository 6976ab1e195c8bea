package org.orchestration.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    private final MockWebServer server = new MockWebServer();
    private HttpClients http;

    @BeforeEach
    void start() throws IOException {
        server.start();
        http = new HttpClients(Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.shutdown();
    }

    @Test
    void perCallVariantsShareThePoolAndDispatcherOfTheSharedClient() {
        OkHttpClient generation = http.withTimeouts(Duration.ofSeconds(120));
        OkHttpClient health = http.withTimeouts(Duration.ofSeconds(2));

        assertThat(generation.connectionPool()).isSameAs(http.shared().connectionPool()).isSameAs(health.connectionPool());
        assertThat(generation.dispatcher()).isSameAs(http.shared().dispatcher()).isSameAs(health.dispatcher());
        assertThat(health.callTimeoutMillis()).isEqualTo(2_000);
        assertThat(http.shared().callTimeoutMillis()).isEqualTo(60_000);
    }

    @Test
    void callsThroughDifferentVariantsReuseOnePooledConnection() throws IOException {
        server.enqueue(new MockResponse().setBody("a"));
        server.enqueue(new MockResponse().setBody("b"));

        try (Response r = http.withTimeouts(Duration.ofSeconds(5)).newCall(new Request.Builder().url(server.url("/a")).build()).execute()) {
            assertThat(r.body().string()).isEqualTo("a");
        }
        try (Response r = http.withTimeouts(Duration.ofSeconds(9)).newCall(new Request.Builder().url(server.url("/b")).build()).execute()) {
            assertThat(r.body().string()).isEqualTo("b");
        }

        assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
    }

    @Test
    void perCallTimeoutFiresBeforeTheBaseTimeout() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        OkHttpClient quick = http.withTimeouts(Duration.ofMillis(300));

        long started = System.nanoTime();
        assertThatThrownBy(() -> quick.newCall(new Request.Builder().url(server.url("/slow")).build()).execute())
                .isInstanceOf(InterruptedIOException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closingStopsTheDispatcherAndEmptiesThePool() throws IOException {
        server.enqueue(new MockResponse().setBody("a"));
        try (Response r = http.shared().newCall(new Request.Builder().url(server.url("/a")).build()).execute()) {
            r.body().string();
        }
        assertThat(http.connectionPool().connectionCount()).isEqualTo(1);

        http.close();

        assertThat(http.dispatcher().executorService().isShutdown()).isTrue();
        assertThat(http.connectionPool().connectionCount()).isZero();
    }
}
