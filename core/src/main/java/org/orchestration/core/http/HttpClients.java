package org.orchestration.core.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The engine's one HTTP client. Every provider, tool and health check derives its calls from
 * {@link #shared()}; per-call timeouts come from {@link #withTimeouts(Duration)}, which returns a
 * light variant sharing this client's connection pool and dispatcher (so connections are reused
 * and closing this object stops everything at once).
 *
 * <p>The base timeouts are generous on purpose (a long model generation must not be cut by the
 * base client); each call sets the tight timeout it needs.
 */
public final class HttpClients implements AutoCloseable {

    /** Base call timeout: longer than any single call the engine makes. */
    public static final Duration DEFAULT_BASE_TIMEOUT = Duration.ofSeconds(300);
    /** Connecting to a loopback or well-known host never needs longer. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient shared;

    public HttpClients() {
        this(DEFAULT_BASE_TIMEOUT);
    }

    /** @param baseTimeout call, read and write timeout of the shared client */
    public HttpClients(Duration baseTimeout) {
        this.shared = new OkHttpClient.Builder()
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .callTimeout(baseTimeout)
                .readTimeout(baseTimeout)
                .writeTimeout(baseTimeout)
                // OkHttp's own retry only covers a stale pooled connection or an unreachable route,
                // never an HTTP error; keeping it avoids spurious failures on idle keep-alives.
                .retryOnConnectionFailure(true)
                .build();
    }

    /** The shared client with the base timeouts. */
    public OkHttpClient shared() {
        return shared;
    }

    /**
     * A variant whose whole call (connect, write, wait, read) must finish within {@code callTimeout}.
     * Shares the pool and dispatcher of {@link #shared()}; cheap to create per call.
     */
    public OkHttpClient withTimeouts(Duration callTimeout) {
        return withTimeouts(callTimeout, callTimeout);
    }

    /**
     * A variant with its own call timeout and read (idle between bytes) timeout. Connect timeout
     * is capped by the call timeout so a health check with 2 s never waits 10 s to connect.
     */
    public OkHttpClient withTimeouts(Duration callTimeout, Duration readTimeout) {
        Duration connect = callTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? callTimeout : DEFAULT_CONNECT_TIMEOUT;
        return shared.newBuilder()
                .callTimeout(callTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .connectTimeout(connect)
                .build();
    }

    public ConnectionPool connectionPool() {
        return shared.connectionPool();
    }

    public Dispatcher dispatcher() {
        return shared.dispatcher();
    }

    /** Cancels running calls, stops the dispatcher's threads and closes pooled connections. */
    @Override
    public void close() {
        Dispatcher dispatcher = shared.dispatcher();
        dispatcher.cancelAll();
        dispatcher.executorService().shutdown();
        shared.connectionPool().evictAll();
        try {
            dispatcher.executorService().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
