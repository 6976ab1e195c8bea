package org.orchestration.core.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's event log and in-process fan-out.
 *
 * <p>{@link #publish} appends a row to {@code events} (its autoincrement id is the event id, the
 * SSE {@code Last-Event-ID}); inside a transaction the row joins it and subscribers are told only
 * after commit, so nobody sees an event whose data was rolled back. Every event is stored, state
 * changes and token updates alike (token updates are one per provider call, so there is nothing
 * worth coalescing at this rate).
 *
 * <p>Subscribers: per project (at most {@code maxPerProject}, the next one is refused with a
 * {@link ConflictException}) or global (every project the user may see, plus global events such
 * as budget warnings). Each subscriber has its own bounded queue ({@value #QUEUE_CAPACITY} events)
 * and its own daemon delivery thread: the publisher only enqueues, never waits for a listener. On
 * overflow the subscriber's oldest queued event is dropped and it is marked lagging (see
 * {@link Subscription}); other subscribers are unaffected. Empty per-project lists are removed.
 * A {@linkplain #subscribeDirect direct} subscriber has neither: the publisher calls its
 * non-blocking listener after commit (the API's event streams, which must not cost a thread each).
 */
public final class ProgressBus implements EventPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressBus.class);

    /** Events a subscriber may have queued before the oldest is dropped. */
    public static final int QUEUE_CAPACITY = 1_000;
    /** Projects whose owner is remembered for event filtering. */
    static final int OWNER_CACHE_SIZE = 1_024;
    /** Upper bound of one {@link #replay} answer. */
    public static final int MAX_REPLAY = 5_000;

    private final Database db;
    private final Clock clock;
    private final int maxPerProject;
    private final Map<String, List<Subscriber>> byProject = new ConcurrentHashMap<>();
    private final List<Subscriber> global = new CopyOnWriteArrayList<>();
    /**
     * project id -> owner id, for filtering global subscriptions of non-admins: the most recently
     * used {@value #OWNER_CACHE_SIZE}, so an engine that runs project after project for days does
     * not keep one entry per project it ever saw (a soak run grew it by ~90 bytes a project).
     */
    private final Map<String, String> owners = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > OWNER_CACHE_SIZE;
        }
    });

    /**
     * @param maxSubscribersPerProject {@code AppConfig.api().maxSubscribersPerProject()}
     */
    public ProgressBus(Database db, Clock clock, int maxSubscribersPerProject) {
        if (maxSubscribersPerProject < 1) {
            throw new IllegalArgumentException("maxSubscribersPerProject must be at least 1");
        }
        this.db = db;
        this.clock = clock;
        this.maxPerProject = maxSubscribersPerProject;
    }

    @Override
    public StoredEvent publish(EngineEvent event) {
        EventJson.Row row = EventJson.row(event);
        Instant at = Instant.ofEpochMilli(clock.millis());
        long id = db.writeQuery("INSERT INTO events (project_id, type, payload, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), row.projectId(), row.type(), row.payload(), at).get(0);
        StoredEvent stored = new StoredEvent(id, at, event);
        db.afterCommit(() -> deliver(stored));
        return stored;
    }

    private void deliver(StoredEvent event) {
        if (event.projectId() != null) {
            List<Subscriber> subs = byProject.get(event.projectId());
            if (subs != null) {
                for (Subscriber s : subs) {
                    s.offer(event);
                }
            }
        }
        for (Subscriber s : global) {
            s.offer(event);
        }
    }

    /**
     * Follows one project's events.
     *
     * @throws NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when {@code user} is neither owner nor admin
     * @throws ConflictException  when the project already has the maximum number of subscribers
     */
    public Subscription subscribe(User user, String projectId, Consumer<StoredEvent> listener) {
        return subscribe(user, projectId, listener, true);
    }

    /**
     * Like {@link #subscribe}, but without a queue or thread of its own: {@code listener} is called
     * on the publisher's thread right after commit, so it must only hand the event on (e.g. into
     * its own bounded queue) and never block. For the API's event streams, which must not cost a
     * thread each. Same checks, same per-project limit.
     */
    public Subscription subscribeDirect(User user, String projectId, Consumer<StoredEvent> listener) {
        return subscribe(user, projectId, listener, false);
    }

    private Subscription subscribe(User user, String projectId, Consumer<StoredEvent> listener, boolean ownThread) {
        String owner = ownerOf(projectId);
        AccessPolicy.requireOwnerOrAdmin(user, owner, "project");
        Subscriber sub = new Subscriber(projectId, listener, e -> true, ownThread);
        byProject.compute(projectId, (id, list) -> {
            List<Subscriber> l = list == null ? new CopyOnWriteArrayList<>() : list;
            if (l.size() >= maxPerProject) {
                throw new ConflictException("This project already has " + maxPerProject
                        + " live subscribers (the limit); close another view or connection first.");
            }
            l.add(sub);
            return l;
        });
        sub.start();
        return sub;
    }

    /**
     * Follows every project {@code user} may see (all for admins, their own otherwise) plus global
     * events (budget warnings, settings changes). Meant for the desktop UI.
     */
    public Subscription subscribeAll(User user, Consumer<StoredEvent> listener) {
        AccessPolicy.requireUser(user);
        boolean all = user.isAdmin();
        Subscriber sub = new Subscriber(null, listener,
                e -> all || e.projectId() == null || user.id().equals(cachedOwner(e.projectId())), true);
        global.add(sub);
        sub.start();
        return sub;
    }

    /** Number of live subscribers of a project (0 when none; the list is then gone). */
    public int subscriberCount(String projectId) {
        List<Subscriber> l = byProject.get(projectId);
        return l == null ? 0 : l.size();
    }

    /** True when no per-project subscriber list is held for {@code projectId}. */
    boolean hasListFor(String projectId) {
        return byProject.containsKey(projectId);
    }

    /**
     * Events of a project with id greater than {@code afterEventId}, oldest first, at most
     * {@code limit} (capped at {@value #MAX_REPLAY}). For SSE resumption with Last-Event-ID.
     *
     * @throws NotFoundException / ForbiddenException as {@link #subscribe}
     * @throws ValidationException when limit is not positive
     */
    public List<StoredEvent> replay(User user, String projectId, long afterEventId, int limit) {
        AccessPolicy.requireOwnerOrAdmin(user, ownerOf(projectId), "project");
        int n = checkLimit(limit);
        return readRows("SELECT id, project_id, type, payload, created_at FROM events WHERE project_id = ? AND id > ? "
                + "ORDER BY id LIMIT ?", projectId, afterEventId, n);
    }

    /**
     * Every event of the project after {@code afterEventId}, oldest first, however many: {@link #replay}
     * page by page. What a resuming event stream sends before going live.
     */
    public List<StoredEvent> replaySince(User user, String projectId, long afterEventId) {
        List<StoredEvent> all = new ArrayList<>();
        long after = afterEventId;
        while (true) {
            List<StoredEvent> page = replay(user, projectId, after, MAX_REPLAY);
            all.addAll(page);
            if (page.size() < MAX_REPLAY) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Like {@link #replay} for everything {@code user} may see (see {@link #subscribeAll}). */
    public List<StoredEvent> replayAll(User user, long afterEventId, int limit) {
        AccessPolicy.requireUser(user);
        int n = checkLimit(limit);
        if (user.isAdmin()) {
            return readRows("SELECT id, project_id, type, payload, created_at FROM events WHERE id > ? ORDER BY id LIMIT ?",
                    afterEventId, n);
        }
        return readRows("SELECT e.id, e.project_id, e.type, e.payload, e.created_at FROM events e "
                + "LEFT JOIN projects p ON p.id = e.project_id WHERE e.id > ? AND (e.project_id IS NULL OR p.owner_id = ?) "
                + "ORDER BY e.id LIMIT ?", afterEventId, user.id(), n);
    }

    private static int checkLimit(int limit) {
        if (limit < 1) {
            throw new ValidationException("limit", "limit must be at least 1");
        }
        return Math.min(limit, MAX_REPLAY);
    }

    /** A row of a kind this version does not know is left out (see {@link EventJson#read}). */
    private List<StoredEvent> readRows(String sql, Object... args) {
        List<Optional<StoredEvent>> rows = db.query(sql, ProgressBus::map, args);
        return rows.stream().flatMap(Optional::stream).toList();
    }

    private static Optional<StoredEvent> map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        Instant at = Instant.ofEpochMilli(rs.getLong("created_at"));
        return EventJson.read(rs.getString("project_id"), rs.getString("type"), rs.getString("payload"))
                .map(e -> new StoredEvent(id, at, e));
    }

    private String ownerOf(String projectId) {
        if (projectId == null || projectId.isBlank()) {
            throw new ValidationException("projectId", "projectId is required");
        }
        String owner = db.queryOne("SELECT owner_id FROM projects WHERE id = ?", rs -> rs.getString(1), projectId)
                .orElseThrow(() -> new NotFoundException("Project not found."));
        owners.put(projectId, owner);
        return owner;
    }

    /** Owners remembered right now (for tests). */
    int cachedOwners() {
        return owners.size();
    }

    /** Owner lookups run on the subscriber's delivery thread, never the publisher's. */
    private String cachedOwner(String projectId) {
        String owner = owners.get(projectId);
        if (owner == null) {
            owner = db.queryOne("SELECT owner_id FROM projects WHERE id = ?", rs -> rs.getString(1), projectId).orElse("");
            owners.put(projectId, owner);
        }
        return owner;
    }

    private void remove(Subscriber sub) {
        if (sub.projectId == null) {
            global.remove(sub);
            return;
        }
        byProject.computeIfPresent(sub.projectId, (id, list) -> {
            list.remove(sub);
            return list.isEmpty() ? null : list;
        });
    }

    /** Closes every subscription. */
    @Override
    public void close() {
        List<Subscriber> all = new ArrayList<>(global);
        byProject.values().forEach(all::addAll);
        all.forEach(Subscriber::close);
    }

    /**
     * One subscriber: a bounded queue and a daemon thread that drains it into the listener, or
     * (direct) neither, the listener being called by the publisher.
     */
    private final class Subscriber implements Subscription, Runnable {

        private final String projectId;
        private final Consumer<StoredEvent> listener;
        private final Predicate<StoredEvent> visible;
        private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
        private final Thread thread;
        private long dropped;
        private boolean closed;

        Subscriber(String projectId, Consumer<StoredEvent> listener, Predicate<StoredEvent> visible,
                   boolean ownThread) {
            this.projectId = projectId;
            this.listener = listener;
            this.visible = visible;
            this.thread = ownThread ? DaemonThreads.create(this, "events-" + (projectId == null ? "all" : projectId)) : null;
        }

        void start() {
            if (thread != null) {
                thread.start();
            }
        }

        void offer(StoredEvent e) {
            if (thread == null) {
                if (!isClosed()) {
                    handOver(e);
                }
                return;
            }
            enqueue(e);
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        private synchronized void enqueue(StoredEvent e) {
            if (closed) {
                return;
            }
            if (queue.size() >= QUEUE_CAPACITY) {
                queue.pollFirst();
                if (dropped++ == 0) {
                    log.warn("A slow event subscriber ({}) fell behind; dropping its oldest events",
                            projectId == null ? "all projects" : "project " + projectId);
                }
            }
            queue.addLast(e);
            notifyAll();
        }

        private synchronized StoredEvent take() throws InterruptedException {
            while (queue.isEmpty() && !closed) {
                wait();
            }
            return closed ? null : queue.pollFirst();
        }

        @Override
        public void run() {
            try {
                for (StoredEvent e = take(); e != null; e = take()) {
                    handOver(e);
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }

        private void handOver(StoredEvent e) {
            try {
                if (visible.test(e)) {
                    listener.accept(e);
                }
            } catch (RuntimeException ex) {
                log.warn("An event listener failed on {}: {}", EventJson.type(e.event()), ex.toString());
            }
        }

        @Override
        public String projectId() {
            return projectId;
        }

        @Override
        public synchronized boolean isLagging() {
            return dropped > 0;
        }

        @Override
        public synchronized long droppedCount() {
            return dropped;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                queue.clear();
                notifyAll();
            }
            remove(this);
        }
    }
}
