package org.orchestration.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.ServicesHealthChanged;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.testing.ProviderCalls;

class ResourceMonitorTest {

    @TempDir
    Path dir;
    private final MockWebServer anthropic = new MockWebServer();
    private final MockWebServer ollama = new MockWebServer();
    private final MockWebServer comfy = new MockWebServer();
    private final HttpClients http = new HttpClients();
    private final List<EngineEvent> published = new CopyOnWriteArrayList<>();
    private final EventPublisher events = event -> {
        published.add(event);
        return new StoredEvent(published.size(), Instant.now(), event);
    };
    private ResourceMonitor monitor;

    @BeforeEach
    void start() throws IOException {
        anthropic.start();
        ollama.start();
        comfy.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        http.close();
        anthropic.shutdown();
        ollama.shutdown();
        comfy.shutdown();
    }

    private AppConfig config(String anthropicKey, String comfyUrl) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"comfyui\": {\"url\": \"" + comfyUrl + "\"}, \"monitor\": {\"interval_seconds\": 1, \"check_timeout_seconds\": 2}}");
        Map<String, String> env = new HashMap<>(Map.of(
                "ANTHROPIC_BASE_URL", url(anthropic),
                "OLLAMA_HOST", url(ollama),
                "OE_DATA_DIR", dir.toString()));
        if (anthropicKey != null) {
            env.put("ANTHROPIC_API_KEY", anthropicKey);
        }
        return new ConfigLoader(env).load(file, Optional.empty());
    }

    private static String url(MockWebServer server) {
        String u = server.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    private ResourceMonitor monitor(AppConfig config) {
        monitor = new ResourceMonitor(http, config, events, Clock.systemUTC());
        return monitor;
    }

    private void allHealthy() {
        healthyAnthropic();
        healthyOllama();
        healthyComfy();
    }

    private void healthyAnthropic() {
        anthropic.enqueue(new MockResponse().setBody("{\"data\":[],\"has_more\":false}"));
    }

    private void healthyOllama() {
        ollama.enqueue(new MockResponse().setBody("{\"version\":\"0.12.6\"}"));
    }

    private void healthyComfy() {
        comfy.enqueue(new MockResponse().setBody("{\"system\":{\"comfyui_version\":\"0.3.60\"},\"devices\":[]}"));
    }

    @Test
    void healthyServicesAreUpWithTheirVersions() throws Exception {
        allHealthy();

        List<ServiceHealth> results = monitor(config("sk", url(comfy))).checkNow().get(10, TimeUnit.SECONDS);

        assertThat(results).extracting(ServiceHealth::name).containsExactly("anthropic", "ollama", "comfyui");
        assertThat(results).allSatisfy(h -> {
            assertThat(h.up()).isTrue();
            assertThat(h.lastError()).isNull();
            assertThat(h.latencyMs()).isNotNegative();
        });
        assertThat(results.get(1).version()).isEqualTo("0.12.6");
        assertThat(results.get(2).version()).isEqualTo("0.3.60");
        assertThat(anthropic.takeRequest().getHeader("x-api-key")).isEqualTo("sk");
        assertThat(ollama.takeRequest().getPath()).isEqualTo("/api/version");
        assertThat(comfy.takeRequest().getPath()).isEqualTo("/system_stats");
    }

    @Test
    void threeSlowServicesAreCheckedConcurrently() throws Exception {
        Duration delay = Duration.ofMillis(1_200);
        anthropic.enqueue(new MockResponse().setBody("{}").setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        ollama.enqueue(new MockResponse().setBody("{\"version\":\"1\"}").setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        comfy.enqueue(new MockResponse().setBody("{}").setHeadersDelay(delay.toMillis(), TimeUnit.MILLISECONDS));
        ResourceMonitor m = monitor(config("sk", url(comfy)));

        long started = System.nanoTime();
        List<ServiceHealth> results = m.checkNow().get(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(results).allSatisfy(h -> assertThat(h.up()).isTrue());
        // one after the other would take 3.6 s; concurrently about 1.2 s
        assertThat(took).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void rejectedKeyStillCountsAsReachable() throws Exception {
        healthyOllama();
        healthyComfy();
        anthropic.enqueue(new MockResponse().setResponseCode(401)
                .setBody("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

        ServiceHealth health = monitor(config("bad", url(comfy))).checkNow().get(10, TimeUnit.SECONDS).get(0);

        assertThat(health.up()).isTrue();
        assertThat(health.lastError()).isEqualTo("Anthropic rejected the API key");
    }

    @Test
    void refusedConnectionIsDownAndTasksGetAReasonToWait() throws Exception {
        String closed = ProviderCalls.closedPortUrl();
        healthyAnthropic();
        healthyOllama();
        ResourceMonitor m = monitor(config("sk", closed));

        ServiceHealth comfyHealth = m.checkNow().get(10, TimeUnit.SECONDS).get(2);

        assertThat(comfyHealth.up()).isFalse();
        assertThat(comfyHealth.latencyMs()).isEqualTo(-1);
        assertThat(comfyHealth.lastError()).isEqualTo("connection refused at " + closed);
        assertThat(m.isUp("comfyui")).isFalse();
        assertThat(m.isUp("ollama")).isTrue();
        assertThat(m.isUp("simulated")).isTrue();
        assertThat(m.isKnownUp("ollama")).isTrue();
        assertThat(m.isKnownUp("comfyui")).isFalse();
        assertThat(m.unavailableReason("comfyui")).contains(
                "ComfyUI is unavailable (connection refused at " + closed + "); waiting until it is back");
    }

    @Test
    void beforeTheFirstCheckTasksDoNotWaitButNothingIsKnownUp() throws Exception {
        ResourceMonitor m = monitor(config("sk", url(comfy)));

        assertThat(m.isUp("ollama")).isTrue();
        assertThat(m.isKnownUp("ollama")).isFalse();
        assertThat(m.snapshot()).isEmpty();
    }

    @Test
    void ollamaThatDoesNotAnswerInTimeIsDown() throws Exception {
        healthyAnthropic();
        healthyComfy();
        ollama.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

        ServiceHealth health = monitor(config("sk", url(comfy))).checkNow().get(10, TimeUnit.SECONDS).get(1);

        assertThat(health.up()).isFalse();
        assertThat(health.lastError()).startsWith("no answer within 2 s");
        assertThat(monitor.isUp("ollama")).isFalse();
    }

    @Test
    void anEventIsPublishedOnlyWhenAStateChanges() throws Exception {
        ResourceMonitor m = monitor(config("sk", url(comfy)));
        List<ServiceHealth> changes = new CopyOnWriteArrayList<>();
        m.onChange(changes::add);

        allHealthy();
        m.checkNow().get(10, TimeUnit.SECONDS);
        allHealthy();
        m.checkNow().get(10, TimeUnit.SECONDS);
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).isInstanceOf(ServicesHealthChanged.class);
        assertThat(EventJson.type(published.get(0))).isEqualTo("services.health");
        assertThat(changes).hasSize(3);

        anthropic.enqueue(new MockResponse().setBody("{}"));
        ollama.enqueue(new MockResponse().setResponseCode(500));
        comfy.enqueue(new MockResponse().setBody("{\"system\":{\"comfyui_version\":\"0.3.60\"}}"));
        m.checkNow().get(10, TimeUnit.SECONDS);

        assertThat(published).hasSize(2);
        assertThat(changes).hasSize(4);
        assertThat(changes.get(3).name()).isEqualTo("ollama");
        assertThat(changes.get(3).lastError()).isEqualTo("Ollama answered HTTP 500");
    }

    @Test
    void backgroundChecksRunAfterStart() throws Exception {
        for (int i = 0; i < 5; i++) {
            allHealthy();
        }
        ResourceMonitor m = monitor(config("sk", url(comfy)));

        m.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> m.snapshot().size() == 3);
        assertThat(m.health("ollama")).get().extracting(ServiceHealth::version).isEqualTo("0.12.6");
    }
}
