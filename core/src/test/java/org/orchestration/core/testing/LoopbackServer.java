package org.orchestration.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.orchestration.core.json.Json;

/**
 * What every fake service has in common: a started {@link MockWebServer} on loopback, its base
 * URL, and the requests the client sent. Subclasses add replies in their service's wire format.
 */
public abstract class LoopbackServer implements AutoCloseable {

    private final MockWebServer server;
    private final String name;

    protected LoopbackServer(String name) {
        this.name = name;
        this.server = new MockWebServer();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "http://127.0.0.1:PORT" without a trailing slash, as the config holds base URLs. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public MockWebServer server() {
        return server;
    }

    /** The next request the client sent (waits up to 5 s). */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("The fake " + name + " server received no request within 5 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JSON body of the next request. */
    public JsonNode takeRequestBody() {
        try {
            return Json.mapper().readTree(takeRequest().getBody().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void enqueueResponse(MockResponse response) {
        server.enqueue(response);
    }

    /** Reads the request and never answers (timeouts, cancellation); {@link #close()} ends it at once. */
    protected static MockResponse noResponse() {
        return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
    }

    protected static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("content-type", "application/json").setBody(body);
    }
}
