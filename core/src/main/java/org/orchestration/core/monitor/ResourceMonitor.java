package org.orchestration.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.ServicesHealthChanged;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ProviderAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of Anthropic, Ollama and ComfyUI: the three checks run concurrently on the shared HTTP
 * client (each with its own short timeout, {@code monitor.check_timeout_seconds}), in the
 * background every {@code monitor.interval_seconds} once {@link #start()}ed, and on demand with
 * {@link #checkNow()}. A change of state is published as a {@link ServicesHealthChanged} event and told to
 * {@link #onChange} listeners (the executor re-dispatches tasks that waited for a service).
 *
 * <ul>
 *   <li>Anthropic: {@code GET {base}/v1/models}; any answer below 500 means reachable (401 =
 *       reachable, key rejected).</li>
 *   <li>Ollama: {@code GET {host}/api/version}.</li>
 *   <li>ComfyUI: {@code GET {url}/system_stats}.</li>
 * </ul>
 */
public final class ResourceMonitor implements ProviderAvailability, AutoCloseable {

    public static final String ANTHROPIC = "anthropic";
    public static final String OLLAMA = "ollama";
    public static final String COMFYUI = "comfyui";

    private static final Logger log = LoggerFactory.getLogger(ResourceMonitor.class);

    private final HttpClients http;
    private final AppConfig config;
    private final EventPublisher events;
    private final Clock clock;
    private final Map<String, ServiceHealth> latest = new ConcurrentHashMap<>();
    private final List<Consumer<ServiceHealth>> listeners = new CopyOnWriteArrayList<>();
    private final Object publishLock = new Object();
    private volatile ScheduledExecutorService scheduler;

    public ResourceMonitor(HttpClients http, AppConfig config, EventPublisher events, Clock clock) {
        this.http = http;
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    /** Starts background checks: one now, then every {@code monitor.interval}. Idempotent. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("resource-monitor"));
        long interval = Math.max(1, config.monitor().interval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                // wait for this round so rounds never pile up behind a slow service
                checkNow().get(config.monitor().checkTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("Service health check round failed: {}", e.toString());
            }
        }, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Checks all three services now, concurrently; completes when all have answered or timed
     * out (never exceptionally). Publishes an event if any state changed.
     */
    public CompletableFuture<List<ServiceHealth>> checkNow() {
        String anthropicBase = config.anthropic().baseUrl();
        Request.Builder anthropic = new Request.Builder().url(anthropicBase + "/v1/models").get()
                .header("anthropic-version", "2023-06-01");
        config.anthropic().apiKey().ifPresent(key -> anthropic.header("x-api-key", key));
        CompletableFuture<ServiceHealth> a = check(ANTHROPIC, "Anthropic", anthropicBase, anthropic.build(), this::anthropicResult);
        CompletableFuture<ServiceHealth> o = check(OLLAMA, "Ollama", config.ollama().host(),
                new Request.Builder().url(config.ollama().host() + "/api/version").get().build(), this::ollamaResult);
        CompletableFuture<ServiceHealth> c = check(COMFYUI, "ComfyUI", config.comfyui().url(),
                new Request.Builder().url(config.comfyui().url() + "/system_stats").get().build(), this::comfyResult);
        return CompletableFuture.allOf(a, o, c).thenApply(v -> {
            List<ServiceHealth> results = List.of(a.join(), o.join(), c.join());
            record(results);
            return results;
        });
    }

    /** The latest result per service (empty before the first check). */
    public List<ServiceHealth> snapshot() {
        List<ServiceHealth> out = new ArrayList<>();
        for (String name : List.of(ANTHROPIC, OLLAMA, COMFYUI)) {
            Optional.ofNullable(latest.get(name)).ifPresent(out::add);
        }
        return out;
    }

    public Optional<ServiceHealth> health(String name) {
        return Optional.ofNullable(latest.get(name));
    }

    /**
     * Whether calls to this provider can go ahead. Providers that are not monitored (such as
     * "simulated") and services not checked yet count as up, so nothing waits on a first check.
     */
    public boolean isUp(String providerId) {
        ServiceHealth h = latest.get(providerId);
        return h == null || h.up();
    }

    /**
     * True only when a check has seen the service up: for decisions that must not be optimistic,
     * such as the router's "is Ollama there?" ({@code () -> monitor.isKnownUp("ollama")}).
     */
    public boolean isKnownUp(String name) {
        ServiceHealth h = latest.get(name);
        return h != null && h.up();
    }

    /** Why tasks routed to this provider should wait, when it is down: a sentence for the task's status. */
    public Optional<String> unavailableReason(String providerId) {
        ServiceHealth h = latest.get(providerId);
        if (h == null || h.up()) {
            return Optional.empty();
        }
        return Optional.of(displayName(providerId) + " is unavailable (" + h.lastError() + "); waiting until it is back");
    }

    /** Registers a listener told about every service whose state changed (on a background thread). */
    public void onChange(Consumer<ServiceHealth> listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    // --- checks --------------------------------------------------------------------------

    /** Interprets a response that arrived: the service's health, given status and body. */
    private interface Interpreter {
        ServiceHealth interpret(int status, String body, long latencyMs);
    }

    private CompletableFuture<ServiceHealth> check(String name, String display, String where, Request request, Interpreter interpreter) {
        CompletableFuture<ServiceHealth> result = new CompletableFuture<>();
        long started = System.nanoTime();
        Call call;
        try {
            call = http.withTimeouts(config.monitor().checkTimeout()).newCall(request);
        } catch (RuntimeException e) {
            result.complete(down(name, "the address " + where + " is not valid"));
            return result;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.complete(down(name, describe(e, where)));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    String body = response.body() == null ? "" : response.body().string();
                    long latency = (System.nanoTime() - started) / 1_000_000;
                    result.complete(interpreter.interpret(response.code(), body, latency));
                } catch (IOException e) {
                    result.complete(down(name, describe(e, where)));
                } catch (RuntimeException e) {
                    result.complete(down(name, display + " answered something unreadable"));
                }
            }
        });
        return result;
    }

    private ServiceHealth anthropicResult(int status, String body, long latencyMs) {
        if (status >= 200 && status < 300) {
            String error = config.anthropic().apiKey().isEmpty() ? "No Anthropic API key is set" : null;
            return new ServiceHealth(ANTHROPIC, true, latencyMs, null, error, clock.instant());
        }
        if (status == 401) {
            return new ServiceHealth(ANTHROPIC, true, latencyMs, null,
                    config.anthropic().apiKey().isEmpty() ? "No Anthropic API key is set" : "Anthropic rejected the API key",
                    clock.instant());
        }
        if (status < 500) {
            return new ServiceHealth(ANTHROPIC, true, latencyMs, null, "Anthropic answered HTTP " + status, clock.instant());
        }
        return new ServiceHealth(ANTHROPIC, false, latencyMs, null,
                status == 529 ? "Anthropic is overloaded" : "Anthropic had a server error (HTTP " + status + ")", clock.instant());
    }

    private ServiceHealth ollamaResult(int status, String body, long latencyMs) {
        if (status != 200) {
            return new ServiceHealth(OLLAMA, false, latencyMs, null, "Ollama answered HTTP " + status, clock.instant());
        }
        String version = jsonText(body, "/version");
        if (version == null) {
            return new ServiceHealth(OLLAMA, false, latencyMs, null, "Ollama answered without a version", clock.instant());
        }
        return new ServiceHealth(OLLAMA, true, latencyMs, version, null, clock.instant());
    }

    private ServiceHealth comfyResult(int status, String body, long latencyMs) {
        if (status != 200) {
            return new ServiceHealth(COMFYUI, false, latencyMs, null, "ComfyUI answered HTTP " + status, clock.instant());
        }
        return new ServiceHealth(COMFYUI, true, latencyMs, jsonText(body, "/system/comfyui_version"), null, clock.instant());
    }

    private ServiceHealth down(String name, String error) {
        return new ServiceHealth(name, false, -1, null, error, clock.instant());
    }

    private String describe(IOException e, String where) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused at " + where;
            }
            if (t instanceof UnknownHostException) {
                return "unknown host in " + where;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + seconds(config.monitor().checkTimeout()) + " from " + where;
            }
        }
        if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("timeout")) {
            return "no answer within " + seconds(config.monitor().checkTimeout()) + " from " + where;
        }
        return "connection failed at " + where + " (" + e.getMessage() + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String jsonText(String body, String pointer) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            JsonNode v = node == null ? null : node.at(pointer);
            return v == null || v.isMissingNode() || v.isNull() ? null : v.asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** The name a person reads for a monitored service id ("anthropic" -> "Anthropic"). */
    public static String displayName(String name) {
        return switch (name) {
            case ANTHROPIC -> "Anthropic";
            case OLLAMA -> "Ollama";
            case COMFYUI -> "ComfyUI";
            default -> name;
        };
    }

    /** Stores results; on any change publishes one event with every service and tells listeners. */
    private void record(List<ServiceHealth> results) {
        List<ServiceHealth> changed = new ArrayList<>();
        synchronized (publishLock) {
            for (ServiceHealth h : results) {
                ServiceHealth previous = latest.put(h.name(), h);
                if (!h.sameStateAs(previous)) {
                    changed.add(h);
                }
            }
            if (changed.isEmpty()) {
                return;
            }
            try {
                events.publish(new ServicesHealthChanged(results.stream().map(ServiceHealth::asEvent).toList()));
            } catch (RuntimeException e) {
                log.warn("Could not publish the services' health: {}", e.toString());
            }
        }
        for (ServiceHealth h : changed) {
            if (!h.up()) {
                log.info("{} is down: {}", displayName(h.name()), h.lastError());
            }
            for (Consumer<ServiceHealth> l : listeners) {
                try {
                    l.accept(h);
                } catch (RuntimeException e) {
                    log.warn("A service health listener failed: {}", e.toString());
                }
            }
        }
    }
}
