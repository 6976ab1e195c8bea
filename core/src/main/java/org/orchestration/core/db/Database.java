package org.orchestration.core.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.files.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The engine's one SQLite file.
 *
 * <p>One write connection ({@link WriteConnection}, guarded by one lock), plus a small pool of
 * read connections (WAL lets readers run beside the writer), plus group commit
 * ({@link GroupCommitter}) and background WAL checkpoints ({@link WalCheckpointer}). {@link #inTransaction} takes the lock,
 * issues {@code BEGIN IMMEDIATE}, commits when the work returns and rolls back on any
 * exception. A nested call <em>on the same thread</em> joins the outer transaction; if the nested
 * work throws, the whole transaction is rolled back even when the outer work swallows the
 * exception. A write from another thread waits for the lock: it never joins someone else's
 * transaction. {@link #update} outside a transaction is a single autocommitted statement.
 *
 * <p>Reads on a thread that is inside a transaction use the write connection, so they see the
 * transaction's own uncommitted rows; other reads use the read pool.
 *
 * <p><b>Prepared-statement cache.</b> Statements run through {@link #update}, {@link #query},
 * {@link #writeQuery}, {@link #insertReturningId} and {@link #batch} are prepared once per
 * connection and reused (keyed by SQL text, at most {@value #STATEMENT_CACHE_SIZE} per connection,
 * least recently used closed first). The write connection's cache is guarded by the write lock; a
 * read connection's cache is only touched by the thread that borrowed the connection. Every use
 * closes its result set, which resets the statement, so a cached statement never holds a read
 * snapshot open. A statement that failed is dropped from the cache. {@link #close} closes them all.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How long SQLite waits for another process's lock before answering SQLITE_BUSY. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_READERS = 4;
    /** SQLite page cache per connection, in KiB (a negative cache_size): fills as the file grows, then stays. */
    static final int PAGE_CACHE_KIB = 16_000;
    /** Prepared statements kept per connection. */
    static final int STATEMENT_CACHE_SIZE = 128;

    private final Path file;
    private final WriteConnection writer;
    private final GroupCommitter group;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private final AtomicLong statements = new AtomicLong();
    /** One cache per read connection; used only by the thread that borrowed that connection. */
    private final Map<Connection, StatementCache> readerStatements;
    private volatile boolean closed;
    private final WalCheckpointer checkpointer;

    private Database(Path file, Connection writer, List<Connection> readers, Connection checkpoints) throws SQLException {
        this.file = file;
        this.writer = new WriteConnection(writer, statements);
        this.group = new GroupCommitter(this.writer);
        this.checkpointer = new WalCheckpointer(writer, checkpoints, statements::get);
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
        Map<Connection, StatementCache> caches = new IdentityHashMap<>();
        readers.forEach(r -> caches.put(r, new StatementCache(r, statements)));
        this.readerStatements = caches;
    }

    /**
     * Opens (creating if needed) the database file, runs the Flyway migrations once, and opens the
     * connections. Any failure closes whatever was opened and throws {@link DatabaseOpenException}
     * with a one-line message; a file that is not a database is never modified.
     */
    public static Database open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT, DEFAULT_READERS);
    }

    public static Database open(Path file, Duration busyTimeout, int readerCount) {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DatabaseOpenException("The data folder " + dir + " does not exist.");
        }
        if (!Files.isWritable(dir) || (Files.exists(absolute) && !Files.isWritable(absolute))) {
            throw new DatabaseOpenException("The data folder " + dir + " is read-only; the engine needs to write its database there.");
        }
        checkIsDatabase(absolute, busyTimeout);
        Migrations.migrate(absolute, busyTimeout);
        PrivateFiles.restrictDatabase(absolute);

        List<Connection> opened = new ArrayList<>();
        try {
            Connection writer = connect(absolute, busyTimeout, false);
            opened.add(writer);
            Connection checkpoints = connect(absolute, busyTimeout, false);
            opened.add(checkpoints);
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < Math.max(1, readerCount); i++) {
                Connection reader = connect(absolute, busyTimeout, true);
                opened.add(reader);
                readers.add(reader);
            }
            PrivateFiles.restrictDatabase(absolute);
            log.info("Opened database {} ({} readers)", absolute, readers.size());
            return new Database(absolute, writer, readers, checkpoints);
        } catch (SQLException e) {
            opened.forEach(Database::closeQuietly);
            throw new DatabaseOpenException(describe(absolute, e), e);
        }
    }

    /** Fails fast on a damaged or locked file before anything (Flyway included) writes to it. */
    private static void checkIsDatabase(Path file, Duration busyTimeout) {
        try (Connection c = connect(file, busyTimeout, false);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rs.next();
        } catch (SQLException e) {
            throw new DatabaseOpenException(describe(file, e), e);
        }
    }

    static String describe(Path file, SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT) {
                return "The database file " + file + " is damaged or is not an Orchestration Engine database.";
            }
            if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
                return "The database file " + file + " is locked by another program; close it and start again.";
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return "The database file " + file + " cannot be opened for writing.";
            }
            if (code == SQLiteErrorCode.SQLITE_FULL) {
                return "The disk holding " + file + " is full.";
            }
        }
        return "The database file " + file + " could not be opened: " + firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static Connection connect(Path file, Duration busyTimeout, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable against an application crash in WAL mode; a power cut may lose the
        // last transactions but never corrupts the file.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // 16 MB page cache per connection (default 2 MB) and temp b-trees in memory: fewer reads
        // of hot pages (tasks, events, usage_log indexes) under load. Durability is unchanged.
        config.setCacheSize(-PAGE_CACHE_KIB);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        if (readOnly) {
            config.setReadOnly(true);
        }
        return config.createConnection("jdbc:sqlite:" + file);
    }

    public Path file() {
        return file;
    }

    /**
     * The most native memory SQLite's page caches of this database can hold (every connection's
     * cache full): process memory grows by up to this much as the database file grows, then stays.
     */
    public long pageCacheBoundBytes() {
        return (allReaders.size() + 1L) * PAGE_CACHE_KIB * 1024L;
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Runs {@code work} in one transaction and returns its result. See the class comment for the
     * joining and rollback rules. {@link AppException}s and unchecked exceptions from the work are
     * rethrown as they are; checked exceptions are wrapped in {@link StorageException}.
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        ensureOpen();
        return writer.inTransaction(work);
    }

    /** {@link #inTransaction(TransactionWork)} for work without a result. */
    public void inTransaction(TransactionVoidWork work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Like {@link #inTransaction}, but transactions of several threads that arrive while the
     * write connection is busy are committed together (group commit, see {@link GroupCommitter}):
     * whichever caller gets the write lock runs every queued work, each inside its own
     * {@code SAVEPOINT}, and commits once. Each caller still gets its own result or exception
     * when its work is committed or rolled back: a failing work rolls back only its own savepoint
     * (and drops its after-commit actions); a failing COMMIT fails all of them. A call on a thread
     * already inside a transaction joins it as {@link #inTransaction} does.
     *
     * <p>The work may run on <em>another</em> caller's thread. Use it only for work that touches
     * nothing but this database (and locks never held by a thread while it waits here), such as
     * the executor's task transitions; after-commit actions run on the committing thread.
     */
    public <T> T inGroupTransaction(TransactionWork<T> work) {
        ensureOpen();
        if (inTransactionOnThisThread()) {
            return inTransaction(work);
        }
        return group.run(work);
    }

    /**
     * {@link #inGroupTransaction} without waiting for other writers: when the write lock is free
     * the work (with any others queued) is committed at once on the calling thread; otherwise it
     * is queued and committed with the others by a committer thread of this database (or by
     * whichever group caller gets the lock first). The future completes, on the committing thread and after the
     * write lock is released, with the work's result once committed, or exceptionally with what
     * {@code inGroupTransaction} would have thrown (unwrapped). Works submitted by one thread are
     * committed in submission order. Called inside a transaction, the work joins it and the
     * future is already complete on return.
     */
    public <T> CompletableFuture<T> submitGroupTransaction(TransactionWork<T> work) {
        return submitGroupTransaction(work, true);
    }

    /**
     * {@link #submitGroupTransaction(TransactionWork)}; with {@code callerMayRun} false the work is
     * always left to the committer thread, so the caller returns at once even when nobody else is
     * writing (for a caller with better things to do than commit).
     */
    public <T> CompletableFuture<T> submitGroupTransaction(TransactionWork<T> work, boolean callerMayRun) {
        ensureOpen();
        if (inTransactionOnThisThread()) {
            try {
                return CompletableFuture.completedFuture(inTransaction(work));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return group.submit(work, callerMayRun);
    }

    /** True when the calling thread is inside {@link #inTransaction}. */
    public boolean inTransactionOnThisThread() {
        return writer.inTransactionOnThisThread();
    }

    /**
     * Runs {@code action} once the calling thread's transaction has committed (never if it rolls
     * back), or at once when no transaction is open on this thread. Use it for side effects that
     * must not be seen before the data is: notifying subscribers, filling caches.
     */
    public void afterCommit(Runnable action) {
        writer.afterCommit(action);
    }

    // ------------------------------------------------------------------ statements

    /**
     * Executes one INSERT/UPDATE/DELETE. Inside a transaction of this thread it joins it; otherwise
     * it is autocommitted on its own (waiting for any transaction of another thread to finish).
     *
     * @return the number of rows changed
     */
    public int update(String sql, Object... params) {
        ensureOpen();
        return writer.update(sql, params);
    }

    /**
     * Executes one data-changing statement with a {@code RETURNING} clause on the write
     * connection (joining this thread's transaction if one is open, else autocommitted) and maps
     * the returned rows, e.g. {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id}.
     */
    public <T> List<T> writeQuery(String sql, RowMapper<T> mapper, Object... params) {
        ensureOpen();
        return writer.writeQuery(sql, mapper, params);
    }

    /** Executes an INSERT and returns the new row's rowid (for AUTOINCREMENT tables). */
    public long insertReturningId(String sql, Object... params) {
        ensureOpen();
        return writer.insertReturningId(sql, params);
    }

    /** Executes the same statement once per parameter row, in one transaction (joined if open). */
    public int[] batch(String sql, List<Object[]> rows) {
        ensureOpen();
        return writer.batch(sql, rows);
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        ensureOpen();
        try {
            if (inTransactionOnThisThread()) {
                return writer.queryInTransaction(sql, mapper, params);
            }
            Connection c = borrowReader();
            try {
                return readerStatements.get(c).query(sql, mapper, params);
            } finally {
                readers.offer(c);
            }
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    /** Runs a query expected to return at most one row. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A single long value (count, sum); 0 when the query yields no row or NULL. */
    public long queryLong(String sql, Object... params) {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs arbitrary read-only JDBC work on a suitable connection (see class comment). */
    public <T> T withReadConnection(ConnectionWork<T> work) {
        ensureOpen();
        if (inTransactionOnThisThread()) {
            try {
                return work.run(writer.connectionInTransaction());
            } catch (SQLException e) {
                throw wrap(e);
            }
        }
        Connection c = borrowReader();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw wrap(e);
        } finally {
            readers.offer(c);
        }
    }

    /**
     * Runs JDBC work on the write connection under the write lock (joins this thread's
     * transaction if one is open). For table classes that need prepared-statement reuse.
     */
    public <T> T withWriteConnection(ConnectionWork<T> work) {
        ensureOpen();
        return writer.withConnection(work);
    }

    /** JDBC work on a connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private Connection borrowReader() {
        try {
            Connection c = readers.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new StorageException("The database is busy; no read connection became free within 30 s.");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting for a database connection.", e);
        }
    }

    /** How many statements have been executed since open (lets tests prove "one query"). */
    public long statementCount() {
        return statements.get();
    }

    /** Background WAL checkpoints run since open (see {@link WalCheckpointer}). */
    public long checkpointCount() {
        return checkpointer.checkpoints();
    }

    /** How many explicit transactions have committed since open (a group commit counts once). */
    public long commitCount() {
        return writer.commits();
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
            if (p == null) {
                ps.setNull(idx, Types.NULL);
            } else if (p instanceof Instant instant) {
                ps.setLong(idx, instant.toEpochMilli());
            } else if (p instanceof Enum<?> e) {
                ps.setString(idx, e.name());
            } else if (p instanceof Boolean b) {
                ps.setInt(idx, b ? 1 : 0);
            } else {
                ps.setObject(idx, p);
            }
        }
    }

    /** Wraps a driver error in the domain exception; keeps constraint violations recognisable. */
    public static StorageException wrap(SQLException e) {
        return new StorageException("Database error: " + firstLine(e.getMessage()), e);
    }

    /** True when {@code e} (or its cause) is a UNIQUE/FOREIGN KEY/CHECK constraint violation. */
    public static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se && se.getResultCode().code % 256 == SQLiteErrorCode.SQLITE_CONSTRAINT.code) {
                return true;
            }
        }
        return false;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("The database is closed.");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every connection. Idempotent; waits for a running transaction to finish and commits
     * group transactions already submitted.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        group.stopCommitter(DEFAULT_BUSY_TIMEOUT);
        List<GroupCommitter.GroupRequest<?>> lastCommitted = List.of();
        writer.lock();
        try {
            if (closed) {
                return;
            }
            lastCommitted = group.commitQueuedAndClose();
            closed = true;
            checkpointer.close();
            readerStatements.values().forEach(StatementCache::closeAll);
            allReaders.forEach(Database::closeQuietly);
            writer.close();
            log.info("Closed database {}", file);
        } finally {
            writer.unlock();
            GroupCommitter.completeFutures(lastCommitted);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("Closing a connection failed: {}", e.getMessage());
        }
    }
}
