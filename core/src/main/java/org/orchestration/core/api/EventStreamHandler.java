package org.orchestration.core.api;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.api.ApiOptions.StreamLimits;
import org.orchestration.core.auth.IssuedToken;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events/{project_id}}: a server-sent event stream that holds no thread while
 * open. The request thread checks the limits, subscribes, reads the replay and hands the
 * response to an {@link SseConnection} under servlet async; from then on a small shared writer
 * pool ({@value #WRITER_THREADS} threads, also ticking the heartbeats) writes each stream only
 * when its socket is ready, so a slow client stalls nobody.
 *
 * <p>Order of work makes resume exact: subscribe first (so nothing published from now on is
 * missed), then replay the log after {@code Last-Event-ID}, then live events, skipping ids
 * already sent. Limit errors (per user, in total, the bus's per project) are thrown before any
 * byte is written, so the client gets them as JSON. A client that is gone is noticed at the next
 * write (at the latest the next heartbeat) and unsubscribed.
 *
 * <p>It also issues the short-lived, project-scoped token a stream is opened with
 * ({@code POST /api/events/{project_id}/token}).
 */
final class EventStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamHandler.class);
    static final int WRITER_THREADS = 2;
    /** How long stopping waits for the writers to finish what they are doing. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final ProgressBus bus;
    private final TokenService tokens;
    private final ProjectService projects;
    private final StreamLimits limits;
    private final ScheduledThreadPoolExecutor writers;
    private final Set<SseConnection> live = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perUser = new ConcurrentHashMap<>();
    private int total;
    private volatile boolean stopping;

    EventStreamHandler(ProgressBus bus, TokenService tokens, ProjectService projects, Duration heartbeat, StreamLimits limits) {
        this.bus = bus;
        this.tokens = tokens;
        this.projects = projects;
        this.limits = limits;
        this.writers = new ScheduledThreadPoolExecutor(WRITER_THREADS, DaemonThreads.numbered("api-sse"));
        writers.setRemoveOnCancelPolicy(true);
        long tick = heartbeat.toMillis();
        writers.scheduleAtFixedRate(() -> live.forEach(SseConnection::heartbeat), tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * An SSE token for the project, after checking the actor may see it (owner or admin).
     *
     * @throws org.orchestration.core.errors.NotFoundException / ForbiddenException as {@link ProjectService#get}
     */
    SseToken issueToken(User actor, String projectId) {
        Project project = projects.get(actor, projectId);
        IssuedToken token = tokens.issueSseToken(actor, project.id(), project.ownerId());
        return new SseToken(token.token(), tokens.secondsUntil(token.expiresAt()));
    }

    /** What {@code POST /api/events/{project_id}/token} answers: {@code {"token", "expires_in"}} (seconds). */
    record SseToken(String token, long expiresIn) {
    }

    Object handle(ApiRequest request) throws Exception {
        String projectId = request.pathParam("project_id");
        // Browsers cannot set headers on a new EventSource, and a reconnect needs a fresh token URL
        // anyway, so ?last_event_id= works as well; the header wins when both are sent.
        String header = request.header("Last-Event-ID");
        long resumeAfter = header != null && !header.isBlank() ? lastEventId("Last-Event-ID", header)
                : lastEventId("last_event_id", request.queryParam("last_event_id"));
        String userId = request.user().id();
        reserve(userId);
        SseConnection connection = new SseConnection(projectId, userId, resumeAfter, tokens.standing(request.user()),
                writers, this::closed);
        boolean handedOver = false;
        try {
            connection.subscribed(bus.subscribeDirect(request.user(), projectId, connection::offer));
            live.add(connection);
            if (resumeAfter >= 0) {
                connection.replay(bus.replaySince(request.user(), projectId, resumeAfter));
            }
            HttpServletResponse res = request.context().res();
            res.setStatus(200);
            res.setContentType("text/event-stream;charset=utf-8");
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no");
            request.context().future(() -> {
                try {
                    return connection.start(request.context().req().getAsyncContext());
                } catch (Exception e) {
                    LOG.debug("Event stream of project {} could not start: {}", projectId, e.toString());
                    connection.close();
                    return CompletableFuture.completedFuture(null);
                }
            });
            handedOver = true;
        } finally {
            if (!handedOver) {
                connection.close();
            }
        }
        if (stopping) {
            connection.close();
        }
        return ApiServer.STREAMED;
    }

    /** Ends every open stream and stops the writers (server shutdown); never waits on a client. */
    void stopAll() {
        stopping = true;
        List.copyOf(live).forEach(SseConnection::close);
        writers.shutdown();
        try {
            if (!writers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    int openStreams() {
        return live.size();
    }

    /** Counts the stream against both limits, or refuses it before anything is subscribed. */
    private synchronized void reserve(String userId) {
        if (stopping) {
            throw new StreamLimitException(503, "The API is stopping; reconnect in a moment.");
        }
        if (total >= limits.total()) {
            throw new StreamLimitException(503, "The server already has " + limits.total()
                    + " open event streams (its total limit); try again later.");
        }
        int mine = perUser.getOrDefault(userId, 0);
        if (mine >= limits.perUser()) {
            throw new StreamLimitException(429, "You already have " + limits.perUser()
                    + " open event streams (the per-user limit); close one first.");
        }
        perUser.put(userId, mine + 1);
        total++;
    }

    private void closed(SseConnection connection) {
        live.remove(connection);
        release(connection.userId());
    }

    private synchronized void release(String userId) {
        perUser.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
        total--;
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
