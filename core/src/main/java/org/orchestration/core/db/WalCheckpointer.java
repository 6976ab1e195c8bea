package org.orchestration.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.orchestration.core.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on its own connection and thread, so
 * that no transaction pays for it. By default SQLite checkpoints inside the COMMIT that pushes the
 * WAL past 1,000 pages, fsync included: a few milliseconds, now and then, on whichever task
 * happened to commit then (the dispatch latency's tail). Here the writer's automatic checkpoint is
 * moved far out ({@value #WRITER_AUTOCHECKPOINT_PAGES} pages, a safety net should this thread fall
 * behind) and a PASSIVE checkpoint runs every {@link #PERIOD} when anything was committed: it never
 * blocks the writer or readers, and frames still needed by a reader are simply left for next time.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    static final int WRITER_AUTOCHECKPOINT_PAGES = 10_000;
    static final Duration PERIOD = Duration.ofMillis(500);

    private final Connection connection;
    private final LongSupplier activity;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("db-checkpoint"));
    private final AtomicLong checkpoints = new AtomicLong();
    private long checkpointedAt = -1;

    /**
     * @param writer     the write connection, whose automatic checkpoint is moved out of the way
     * @param connection a read-write connection of its own, closed with this
     * @param activity   a counter of the database's statements: no work while it stands still
     */
    WalCheckpointer(Connection writer, Connection connection, LongSupplier activity) throws SQLException {
        this.connection = connection;
        this.activity = activity;
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = " + WRITER_AUTOCHECKPOINT_PAGES);
        }
        thread.scheduleWithFixedDelay(this::checkpointIfCommitted, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkpointIfCommitted() {
        long now = activity.getAsLong();
        if (now == checkpointedAt) {
            return;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            checkpointedAt = now;
            checkpoints.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            log.warn("Background WAL checkpoint failed (the writer's own checkpoint still applies): {}", e.toString());
        }
    }

    /** Checkpoints run so far (for tests and diagnostics). */
    long checkpoints() {
        return checkpoints.get();
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the checkpoint connection: {}", e.toString());
        }
    }
}
