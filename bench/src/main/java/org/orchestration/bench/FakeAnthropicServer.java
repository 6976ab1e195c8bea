package org.orchestration.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.concurrent.DaemonThreads;

/**
 * A loopback server that speaks the Anthropic Messages wire format (PROTOCOLS.md) with a set
 * latency and usage, so a benchmark measures the whole provider path: HTTP, JSON, pricing and
 * budget. Replies are scheduled, not slept: a slow reply holds no server thread.
 */
public final class FakeAnthropicServer implements AutoCloseable {

    static {
        // The JDK server writes a reply's headers and body in two packets; with Nagle's algorithm
        // on, the body waits for the client's delayed ACK (40 ms on Linux), which is not latency
        // of the engine or of the real API. Read once, when the JDK server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, DaemonThreads.named("fake-anthropic"));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, DaemonThreads.named("fake-anthropic-timer"));
    private volatile Duration latency;
    private volatile double rateLimitFraction;
    private final long inputTokens;
    private final long outputTokens;
    private final String model;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    public FakeAnthropicServer(Duration latency, String model, long inputTokens, long outputTokens) throws IOException {
        this.latency = latency;
        this.model = model;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/v1/messages", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** Fraction (0..1) of calls answered with 429 rate_limit_error and {@code retry-after: 0}. */
    public void rateLimitFraction(double fraction) {
        this.rateLimitFraction = fraction;
    }

    public long requests() {
        return requests.get();
    }

    public long rateLimited() {
        return rateLimited.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        long n = requests.incrementAndGet();
        if (rateLimitFraction > 0 && ThreadLocalRandom.current().nextDouble() < rateLimitFraction) {
            rateLimited.incrementAndGet();
            exchange.getResponseHeaders().add("retry-after", "0");
            respond(exchange, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"},\"request_id\":\"req_" + n + "\"}");
            return;
        }
        String body = "{\"id\":\"msg_" + n + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + model + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Done: task output " + n + ".\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":" + inputTokens + ",\"output_tokens\":" + outputTokens
                + ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}";
        long delay = latency.toNanos();
        if (delay <= 0) {
            respond(exchange, 200, body);
        } else {
            timer.schedule(() -> respond(exchange, 200, body), delay, TimeUnit.NANOSECONDS);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.getResponseHeaders().add("request-id", "req_bench");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        handlers.shutdownNow();
    }
}
