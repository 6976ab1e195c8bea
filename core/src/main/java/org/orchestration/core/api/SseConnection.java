package org.orchestration.core.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.events.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open event stream, written without holding a thread: events wait in a bounded queue, and
 * a pump on the shared writer pool moves them to the socket only while Jetty says the
 * connection {@linkplain ServletOutputStream#isReady() is ready}. A client that reads slowly
 * leaves its pump waiting for {@link #onWritePossible}, never a thread; once its queue is full it
 * is closed and resumes from the log with {@code Last-Event-ID}.
 *
 * <p>Order on the wire: the preamble, the replayed events, then live events whose id is above
 * the resume point and was not replayed. Before each batch of events and each heartbeat the
 * account's standing is checked; a deactivated or revoked account's stream ends there.
 */
final class SseConnection implements WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
    /** A live stream that falls this far behind is closed; the client resumes from the log. */
    static final int MAX_BACKLOG = 10_000;
    /** At most this many events go into one write. */
    private static final int MAX_BATCH = 256;
    private static final byte[] PREAMBLE = "retry: 3000\n: connected\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final String projectId;
    private final String userId;
    private final long resumeAfter;
    private List<StoredEvent> replay = List.of();
    private final Set<Long> replayed = new HashSet<>();
    private final BlockingQueue<StoredEvent> live = new LinkedBlockingQueue<>(MAX_BACKLOG);
    private final BooleanSupplier standing;
    private final Executor writer;
    private final Consumer<SseConnection> onClosed;
    /** Completing it lets Javalin finish the request (log it, complete the async context). */
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean overflowed;
    private volatile boolean pingDue;
    private volatile boolean wroteSinceTick;
    private volatile AutoCloseable subscription;

    // Touched only inside pump(), which is synchronized: Jetty's output needs one caller at a time.
    private ServletOutputStream out;
    private boolean preambleSent;
    private int replayIndex;
    private boolean needsFlush;

    SseConnection(String projectId, String userId, long resumeAfter, BooleanSupplier standing, Executor writer,
                  Consumer<SseConnection> onClosed) {
        this.projectId = projectId;
        this.userId = userId;
        this.resumeAfter = resumeAfter;
        this.standing = standing;
        this.writer = writer;
        this.onClosed = onClosed;
    }

    /** The logged events after the resume point, read after subscribing; sent before any live event. */
    synchronized void replay(List<StoredEvent> events) {
        replay = events;
        events.forEach(e -> replayed.add(e.id()));
    }

    String userId() {
        return userId;
    }

    /** The bus listener: never blocks the publisher, only queues and wakes the pump. */
    void offer(StoredEvent event) {
        if (!live.offer(event)) {
            overflowed = true;
        }
        schedulePump();
    }

    void subscribed(AutoCloseable handle) {
        this.subscription = handle;
        if (closed.get()) {
            unsubscribe();
        }
    }

    /** Hands the response to this connection once Javalin has started async processing. */
    CompletableFuture<Void> start(AsyncContext async) throws IOException {
        async.setTimeout(0);
        async.addListener(this);
        synchronized (this) {
            out = async.getResponse().getOutputStream();
            out.setWriteListener(this);
        }
        return done;
    }

    /** Called every heartbeat interval: an idle stream gets a ping (which also re-checks standing). */
    void heartbeat() {
        if (!wroteSinceTick) {
            pingDue = true;
            schedulePump();
        }
        wroteSinceTick = false;
    }

    /** Ends the stream (server stop, revoked account, overflow, client gone). Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        unsubscribe();
        onClosed.accept(this);
        done.complete(null);
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("StoredEvent stream of project {} closed by the client: {}", projectId, t.toString());
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do: the connection is registered once
    }

    private void schedulePump() {
        if (!closed.get() && pumpScheduled.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    pumpScheduled.set(false);
                    pump();
                });
            } catch (RuntimeException rejected) {
                // The writer pool is shutting down: the server is stopping and closes every stream.
                pumpScheduled.set(false);
            }
        }
    }

    /** Writes while the connection is ready; otherwise returns and Jetty calls onWritePossible later. */
    private synchronized void pump() {
        if (out == null || closed.get()) {
            return;
        }
        if (overflowed) {
            // Checked before isReady(): the client that fell behind is usually the one not reading.
            LOG.info("StoredEvent stream of project {} fell {} events behind; closed so the client resumes", projectId, MAX_BACKLOG);
            close();
            return;
        }
        try {
            while (out.isReady()) {
                if (needsFlush) {
                    needsFlush = false;
                    out.flush();
                    continue;
                }
                byte[] chunk = nextChunk();
                if (chunk == null) {
                    return;
                }
                out.write(chunk);
                needsFlush = true;
                wroteSinceTick = true;
            }
        } catch (IOException | IllegalStateException clientGone) {
            LOG.debug("StoredEvent stream of project {} closed: {}", projectId, clientGone.toString());
            close();
        } catch (RuntimeException e) {
            // The 200 and some events are already on the wire: no JSON error can follow. End the
            // stream; the client reconnects with Last-Event-ID and misses nothing.
            LOG.error("StoredEvent stream of project {} failed", projectId, e);
            close();
        }
    }

    /** The next bytes to send, or null when there is nothing (or the stream was just closed). */
    private byte[] nextChunk() {
        if (!preambleSent) {
            preambleSent = true;
            return PREAMBLE;
        }
        List<StoredEvent> batch = new ArrayList<>();
        if (replayIndex < replay.size()) {
            int end = Math.min(replay.size(), replayIndex + MAX_BATCH);
            batch.addAll(replay.subList(replayIndex, end));
            replayIndex = end;
        } else {
            List<StoredEvent> drained = new ArrayList<>();
            live.drainTo(drained, MAX_BATCH);
            for (StoredEvent event : drained) {
                if (event.id() > resumeAfter && !replayed.remove(event.id())) {
                    batch.add(event);
                }
            }
        }
        if (batch.isEmpty() && !pingDue) {
            return null;
        }
        if (!standing.getAsBoolean()) {
            LOG.info("StoredEvent stream of project {} closed: the account of user {} was deactivated or its sessions revoked",
                    projectId, userId);
            close();
            return null;
        }
        if (batch.isEmpty()) {
            pingDue = false;
            return PING;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (StoredEvent event : batch) {
            bytes.writeBytes(frame(event));
        }
        return bytes.toByteArray();
    }

    private void unsubscribe() {
        AutoCloseable handle = subscription;
        if (handle == null) {
            return;
        }
        subscription = null;
        try {
            handle.close();
        } catch (Exception e) {
            LOG.warn("Unsubscribing from project {} failed", projectId, e);
        }
    }

    private static byte[] frame(StoredEvent event) {
        return EventJson.sseFrame(event).getBytes(StandardCharsets.UTF_8);
    }
}
