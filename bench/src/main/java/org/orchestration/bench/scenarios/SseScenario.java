package org.orchestration.bench.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.orchestration.bench.BenchContext;
import org.orchestration.bench.Metric;
import org.orchestration.bench.Scenario;
import org.orchestration.bench.ScenarioResult;
import org.orchestration.bench.Stats;
import org.orchestration.bench.support.ApiRig;
import org.orchestration.core.events.TaskProgress;

/**
 * Server-sent events fan-out: {@code subscribers} real SSE clients (okhttp-sse) on one project's
 * {@code GET /api/events/{id}?token=} while a publisher emits {@code rate} events/s at a steady
 * pace. Latency is from the publish call to the client's parsed event (same JVM clock); an event
 * is lost when a subscriber never receives it.
 */
public final class SseScenario implements Scenario {

    private final int subscribers;
    private final int rate;
    private final Duration length;

    /** The engine's ProgressBus (each event stored in SQLite, then pushed) behind the API's event stream. */
    public static SseScenario standard(boolean quick) {
        return new SseScenario(10, 500, quick ? Duration.ofMillis(400) : Duration.ofSeconds(10));
    }

    public SseScenario(int subscribers, int rate, Duration length) {
        this.subscribers = subscribers;
        this.rate = rate;
        this.length = length;
    }

    @Override
    public String name() {
        return "sse";
    }

    @Override
    public String description() {
        return "SSE fan-out: %d subscribers on one project, %d events/s for %d s per repeat."
                .formatted(subscribers, rate, length.toSeconds() == 0 ? 1 : length.toSeconds());
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<Double> lost = new ArrayList<>();
        List<Double> achievedRate = new ArrayList<>();
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequestsPerHost(4 * subscribers); // the default (5) would queue half of the streams
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(Duration.ZERO).build();
        try (ApiRig rig = new ApiRig(context.workDir())) {
            runOnce(rig, http, Math.max(rate / 5, 10)); // warm-up
            for (int r = 0; r < context.repeats(); r++) {
                Round round = runOnce(rig, http, (int) Math.max(1, rate * length.toMillis() / 1000));
                Stats s = Stats.of(round.latenciesMs);
                p50.add(s.p50());
                p99.add(s.p99());
                max.add(s.max());
                lost.add((double) round.lost);
                achievedRate.add(round.rate);
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        return new ScenarioResult(name(), description(), context.repeats(), List.of(
                Metric.of("delivery p99", "ms", Stats.of(p99), "<= 50"),
                Metric.info("delivery p50", "ms", Stats.of(p50)),
                Metric.info("delivery max", "ms", Stats.of(max)),
                Metric.of("events lost", "events", Stats.of(lost), "<= 0"),
                Metric.info("publish rate achieved", "events/s", Stats.of(achievedRate))),
                "Events come from the engine's ProgressBus (each event inserted into the events table, then handed to "
                        + "each stream's writer). Each repeat opens " + subscribers
                        + " fresh streams on a new project (real SSE tokens), waits until all are subscribed, publishes, "
                        + "then waits up to 10 s for stragglers. p50/p99/max are over all deliveries of a repeat.");
    }

    private record Round(List<Double> latenciesMs, long lost, double rate) {
    }

    private Round runOnce(ApiRig rig, OkHttpClient http, int events) throws Exception {
        String projectId = rig.projects.create(rig.user, "sse bench", "fan-out").id();
        long[] publishedAt = new long[events];
        CountDownLatch open = new CountDownLatch(subscribers);
        CountDownLatch done = new CountDownLatch(subscribers);
        List<List<Double>> latencies = new ArrayList<>();
        List<BitSet> seen = new ArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean closing = new AtomicBoolean();
        List<EventSource> sources = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            List<Double> mine = new ArrayList<>(events);
            BitSet got = new BitSet(events);
            latencies.add(mine);
            seen.add(got);
            String token = rig.tokens.issueSseToken(rig.user, projectId, rig.user.id()).token();
            Request request = new Request.Builder().url(rig.server.baseUrl() + "/api/events/" + projectId + "?token=" + token).build();
            sources.add(EventSources.createFactory(http).newEventSource(request, new EventSourceListener() {
                @Override
                public void onOpen(EventSource source, Response response) {
                    open.countDown();
                }

                @Override
                public void onEvent(EventSource source, String id, String type, String data) {
                    long now = System.nanoTime();
                    int seq = seq(data);
                    if (seq < 0 || seq >= events) {
                        return;
                    }
                    synchronized (mine) {
                        if (!got.get(seq)) {
                            got.set(seq);
                            mine.add((now - publishedAt[seq]) / 1e6);
                            if (got.cardinality() == events) {
                                done.countDown();
                            }
                        }
                    }
                }

                @Override
                public void onFailure(EventSource source, Throwable t, Response response) {
                    if (!closing.get()) {
                        failure.compareAndSet(null, t + (response == null ? "" : " HTTP " + response.code()));
                    }
                    open.countDown();
                }
            }));
        }
        if (!open.await(30, TimeUnit.SECONDS) || failure.get() != null) {
            closing.set(true);
            sources.forEach(EventSource::cancel);
            throw new IllegalStateException("subscribers did not connect: " + failure.get());
        }
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            publishedAt[i] = System.nanoTime();
            rig.bus.publish(new TaskProgress(projectId, "bench", 1, i, 0, 0, 0, 0)); // round carries the sequence number
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        done.await(10, TimeUnit.SECONDS);
        closing.set(true);
        sources.forEach(EventSource::cancel);
        long lost = 0;
        List<Double> allLat = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            synchronized (latencies.get(s)) {
                lost += events - seen.get(s).cardinality();
                allLat.addAll(latencies.get(s));
            }
        }
        return new Round(allLat, lost, events / seconds);
    }

    /** The payload field that carries an event's sequence number (a {@code task.tokens} event's round). */
    private static final String SEQ_FIELD = "\"round\":";

    static int seq(String data) {
        int at = data.indexOf(SEQ_FIELD);
        if (at < 0) {
            return -1;
        }
        int i = at + SEQ_FIELD.length();
        int v = 0;
        boolean any = false;
        while (i < data.length() && Character.isDigit(data.charAt(i))) {
            v = v * 10 + (data.charAt(i++) - '0');
            any = true;
        }
        return any ? v : -1;
    }
}
