package org.orchestration.core.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events/{project_id}}: a server-sent event stream written straight to the
 * response and flushed as soon as the waiting events are written (one flush per event when they
 * come one by one, one per burst when several are already queued). Order of work makes resume exact: subscribe first (so nothing
 * published from now on is missed), then replay the log after {@code Last-Event-ID}, then send
 * live events, skipping ids already sent. A subscriber-limit error from the bus is thrown before
 * any byte is written, so the client gets it as JSON. A client that is gone is noticed at the
 * next write (at the latest the next heartbeat) and unsubscribed.
 */
final class EventStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamHandler.class);
    /** A live stream that falls this far behind is closed; the client resumes from the log. */
    private static final int MAX_BACKLOG = 10_000;
    /** At most this many waiting events are written before a flush. */
    private static final int MAX_BATCH = 256;
    private static final Event STOP = new Event(Long.MIN_VALUE, null, "stop", null, Instant.EPOCH);

    private final EventStream stream;
    private final Duration heartbeat;
    private final Set<BlockingQueue<Event>> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    EventStreamHandler(EventStream stream, Duration heartbeat) {
        this.stream = stream;
        this.heartbeat = heartbeat;
    }

    Object handle(ApiRequest request) throws Exception {
        String projectId = request.pathParam("project_id");
        // Browsers cannot set headers on a new EventSource, and a reconnect needs a fresh token URL
        // anyway, so ?last_event_id= works as well; the header wins when both are sent.
        String header = request.header("Last-Event-ID");
        long resumeAfter = header != null && !header.isBlank() ? lastEventId("Last-Event-ID", header)
                : lastEventId("last_event_id", request.queryParam("last_event_id"));
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(MAX_BACKLOG);
        AtomicBoolean overflowed = new AtomicBoolean();
        AutoCloseable subscription = stream.subscribe(request.user(), projectId, event -> {
            if (!queue.offer(event)) {
                overflowed.set(true);
            }
        });
        live.add(queue);
        try {
            stream(request, projectId, resumeAfter, queue, overflowed);
        } catch (IOException clientGone) {
            LOG.debug("Event stream of project {} closed by the client", projectId);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The 200 and some events are already on the wire: no JSON error can follow. End the
            // stream; the client reconnects with Last-Event-ID and misses nothing.
            LOG.error("Event stream of project {} failed", projectId, e);
        } finally {
            live.remove(queue);
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Unsubscribing from project {} failed", projectId, e);
            }
        }
        return ApiServer.STREAMED;
    }

    private void stream(ApiRequest request, String projectId, long resumeAfter, BlockingQueue<Event> queue,
                        AtomicBoolean overflowed) throws IOException, InterruptedException {
        HttpServletResponse res = request.context().res();
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        write(out, "retry: 3000\n: connected\n\n");
        out.flush();

        Set<Long> replayed = new HashSet<>();
        if (resumeAfter >= 0) {
            for (Event event : stream.replay(request.user(), projectId, resumeAfter)) {
                send(out, event);
                replayed.add(event.id());
            }
            out.flush();
        }
        List<Event> batch = new ArrayList<>();
        while (!stopping) {
            Event first = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                write(out, ": ping\n\n");
                out.flush();
                continue;
            }
            // Events that are already waiting go out together with one flush; nothing waits for
            // a later event, so each event is on the wire as soon as the thread gets to it.
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            for (Event event : batch) {
                if (overflowed.get() || event == STOP) {
                    out.flush();
                    return;
                }
                if (event.id() > resumeAfter && !replayed.remove(event.id())) {
                    send(out, event);
                }
            }
            out.flush();
        }
    }

    /** Ends every open stream (server shutdown). */
    void stopAll() {
        stopping = true;
        live.forEach(q -> q.offer(STOP));
    }

    int openStreams() {
        return live.size();
    }

    private static void send(OutputStream out, Event event) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.id());
        data.put("project_id", event.projectId());
        data.put("type", event.type());
        data.put("at", event.at());
        data.put("payload", event.payload());
        String json = new String(ApiJson.bytes(data), StandardCharsets.UTF_8);
        write(out, "id: " + event.id() + "\nevent: " + oneLine(event.type()) + "\ndata: " + json + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    /** -1 when absent (live events only). */
    private static long lastEventId(String name, String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the same message
        }
        throw new ValidationException(name, name + " must be an event id (a whole number, 0 or more)");
    }
}
