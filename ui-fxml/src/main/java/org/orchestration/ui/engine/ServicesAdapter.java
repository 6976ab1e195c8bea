package org.orchestration.ui.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.monitor.ToolAvailability;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.ui.port.ConnectionCheck;
import org.orchestration.ui.port.ServiceHealth;
import org.orchestration.ui.port.ServicesPort;
import org.orchestration.ui.port.ToolState;

/**
 * {@link ServicesPort} on the {@link ResourceMonitor} and {@link ToolRegistry}. "Test connection"
 * makes one real request with a short timeout and never throws: every outcome is a sentence.
 */
final class ServicesAdapter implements ServicesPort {

    /** Time a "Test connection" or "Check now" may take. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private final ResourceMonitor monitor;
    private final ToolRegistry tools;
    private final HttpClients http;
    private final String anthropicBaseUrl;
    /** The latest health check started here; guarded by this. */
    private CompletableFuture<?> lastCheck;

    ServicesAdapter(ResourceMonitor monitor, ToolRegistry tools, HttpClients http, String anthropicBaseUrl) {
        this.monitor = monitor;
        this.tools = tools;
        this.http = http;
        this.anthropicBaseUrl = anthropicBaseUrl;
    }

    /** Checks every service now (bounded by {@link #CHECK_TIMEOUT}); falls back to the last results. */
    @Override
    public List<ServiceHealth> health() {
        awaitCheck();
        return monitor.snapshot().stream()
                .map(h -> new ServiceHealth(ResourceMonitor.displayName(h.name()), h.up(), h.latencyMs(), h.lastError()))
                .toList();
    }

    /** Every tool, unavailable when it could not be built or its service is down (after the same fresh check). */
    @Override
    public List<ToolState> tools() {
        awaitCheck();
        return ToolAvailability.of(tools, monitor).stream()
                .map(s -> new ToolState(s.name(), tools.find(s.name()).map(Tool::spec).map(spec -> spec.description()).orElse(""),
                        s.available(), s.reason()))
                .toList();
    }

    /**
     * Waits for a health check of every service: the one in flight (the screen asks for health
     * and tools at once), else a new one, so "Check now" always checks.
     */
    private void awaitCheck() {
        CompletableFuture<?> check;
        synchronized (this) {
            if (lastCheck == null || lastCheck.isDone()) {
                lastCheck = monitor.checkNow();
            }
            check = lastCheck;
        }
        try {
            check.get(CHECK_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the last results stand
        }
    }

    @Override
    public ConnectionCheck testAnthropic(String apiKey) {
        String key = apiKey == null ? "" : apiKey.strip();
        if (key.isEmpty()) {
            return new ConnectionCheck(false, "Enter an Anthropic API key first.");
        }
        HttpUrl url = HttpUrl.parse(anthropicBaseUrl + "/v1/models");
        if (url == null) {
            return new ConnectionCheck(false, "The Anthropic address " + anthropicBaseUrl + " is not a valid URL.");
        }
        Request request = new Request.Builder().url(url).get().header("x-api-key", key)
                .header("anthropic-version", ANTHROPIC_VERSION).build();
        try (Response response = client().newCall(request).execute()) {
            int code = response.code();
            if (response.isSuccessful()) {
                return new ConnectionCheck(true, "Connected to Anthropic: the key works.");
            }
            if (code == 401 || code == 403) {
                return new ConnectionCheck(false, "Anthropic refused the key (HTTP " + code + "). Check that it is copied completely.");
            }
            if (code == 429) {
                return new ConnectionCheck(true, "The key works, but Anthropic is rate-limiting it right now (HTTP 429).");
            }
            return new ConnectionCheck(false, "Anthropic answered HTTP " + code + "; try again later.");
        } catch (IOException | RuntimeException e) {
            return new ConnectionCheck(false, "Could not reach Anthropic at " + anthropicBaseUrl + ": " + reason(e));
        }
    }

    @Override
    public ConnectionCheck testOllama(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.strip().replaceAll("/+$", "");
        if (base.isEmpty()) {
            return new ConnectionCheck(false, "Enter the Ollama address first, e.g. http://localhost:11434.");
        }
        HttpUrl url = HttpUrl.parse(base + "/api/version");
        if (url == null) {
            return new ConnectionCheck(false, "\"" + base + "\" is not a valid address; it looks like http://localhost:11434.");
        }
        try (Response response = client().newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                return new ConnectionCheck(false, "Something answered at " + base + " but not like Ollama (HTTP " + response.code() + ").");
            }
            String body = response.body() == null ? "" : response.body().string();
            String version = body.replaceAll("(?s).*\"version\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            return new ConnectionCheck(true, "Connected to Ollama" + (version.equals(body) ? "." : " " + version + "."));
        } catch (IOException | RuntimeException e) {
            return new ConnectionCheck(false, "Could not reach Ollama at " + base + ": " + reason(e));
        }
    }

    private OkHttpClient client() {
        return http.withTimeouts(CHECK_TIMEOUT);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
