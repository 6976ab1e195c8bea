package org.orchestration.bench.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.orchestration.bench.support.ApiRig;
import org.orchestration.bench.support.CpuMeter;

/**
 * Authenticated {@code GET /api/projects} over loopback: the real API server, real JWT check
 * (signature + user reload from SQLite) and the real one-query project list, driven by OkHttp
 * with {@code connections} keep-alive connections, each used by one closed-loop client thread.
 */
public final class ApiScenario implements Scenario {

    private final int connections;
    private final int projects;
    private final Duration warmUp;
    private final Duration window;

    public ApiScenario(int connections, int projects, Duration warmUp, Duration window) {
        this.connections = connections;
        this.projects = projects;
        this.warmUp = warmUp;
        this.window = window;
    }

    public static ApiScenario standard(boolean quick) {
        return quick ? new ApiScenario(4, 5, Duration.ofMillis(300), Duration.ofMillis(500))
                : new ApiScenario(16, 20, Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Override
    public String name() {
        return "api";
    }

    @Override
    public String description() {
        return "Authenticated GET /api/projects (%d projects in the list) over loopback, %d concurrent keep-alive connections, %d s per repeat."
                .formatted(projects, connections, window.toSeconds());
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> cpuPerRequest = new ArrayList<>();
        List<Double> capacity = new ArrayList<>();
        List<Double> cores = new ArrayList<>();
        long errors = 0;
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        try (ApiRig rig = new ApiRig(context.workDir())) {
            for (int i = 0; i < projects; i++) {
                rig.projects.create(rig.user, "Project " + i, "Requirements of project " + i + ".");
            }
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(connections);
            dispatcher.setMaxRequestsPerHost(connections);
            OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(connections, 1, TimeUnit.MINUTES)).build();
            Request request = new Request.Builder().url(rig.server.baseUrl() + "/api/projects")
                    .header("Authorization", "Bearer " + rig.accessToken).build();
            load(clients, http, request, warmUp);
            for (int r = 0; r < context.repeats(); r++) {
                CpuMeter cpu = CpuMeter.start();
                Window w = load(clients, http, request, window);
                rates.add(w.ok / w.seconds);
                double msPerRequest = cpu.cpuMs() / Math.max(1, w.ok);
                cpuPerRequest.add(msPerRequest);
                capacity.add(Runtime.getRuntime().availableProcessors() * 1000 / msPerRequest);
                cores.add(cpu.coresUsed());
                Stats lat = Stats.of(w.latenciesMs);
                p50.add(lat.p50());
                p99.add(lat.p99());
                errors += w.errors;
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        } finally {
            clients.shutdownNow();
        }
        if (errors > 0) {
            throw new IllegalStateException(errors + " requests did not answer 200");
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.of("requests/s", "req/s", Stats.of(rates), ">= 2000"),
                Metric.info("latency p50", "ms", Stats.of(p50)),
                Metric.info("latency p99", "ms", Stats.of(p99)),
                Metric.info("CPU per request (client+server)", "ms", Stats.of(cpuPerRequest)),
                Metric.info("CPU-bound capacity (cores / CPU per request)", "req/s", Stats.of(capacity)),
                Metric.info("cores this JVM got", "cores", Stats.of(cores))),
                "Client and server share the machine's cores. Every request is a full check: HS256 signature, user row reloaded, "
                        + "list query over projects+tasks+usage. Access log lines are below the bench's WARN level (not written). "
                        + "Warm-up " + warmUp.toMillis() + " ms first; all answers were 200. On a shared machine the JVM gets a fraction of "
                        + "the cores ('cores this JVM got'); 'CPU-bound capacity' divides the machine's cores by the CPU one request "
                        + "costs (client included), i.e. what the cores would serve if they were ours alone.");
    }

    private record Window(long ok, long errors, double seconds, List<Double> latenciesMs) {
    }

    private Window load(ExecutorService clients, OkHttpClient http, Request request, Duration length) throws Exception {
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        List<List<Double>> latencies = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            futures.add(clients.submit(() -> {
                long ok = 0;
                long bad = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try (Response response = http.newCall(request).execute()) {
                        response.body().bytes();
                        if (response.code() == 200) {
                            ok++;
                        } else {
                            bad++;
                        }
                    }
                    mine.add((System.nanoTime() - t0) / 1e6);
                }
                return new long[] {ok, bad};
            }));
        }
        long ok = 0;
        long bad = 0;
        for (Future<long[]> f : futures) {
            long[] counts = f.get();
            ok += counts[0];
            bad += counts[1];
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        return new Window(ok, bad, seconds, all);
    }
}
