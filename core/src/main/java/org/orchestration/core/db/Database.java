package org.orchestration.core.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The engine's one SQLite file.
 *
 * <p>One write connection guarded by a {@link ReentrantLock}, plus a small pool of read
 * connections (WAL lets readers run beside the writer). {@link #inTransaction} takes the lock,
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
    private static final String LAST_ROWID = "SELECT last_insert_rowid()";

    private final Path file;
    private final Connection writer;
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    /** Guarded by writeLock. */
    private final StatementCache writerStatements;
    /** One cache per read connection; used only by the thread that borrowed that connection. */
    private final Map<Connection, StatementCache> readerStatements;
    /** Guarded by writeLock: nesting depth of the current transaction (0 = none). */
    private int depth;
    /** Guarded by writeLock: a nested call failed, so the outer transaction must roll back. */
    private boolean rollbackOnly;
    /** Guarded by writeLock: callbacks to run once the current transaction has committed. */
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** Works waiting to be committed together (see {@link #inGroupTransaction}). */
    private final Queue<GroupRequest<?>> group = new ConcurrentLinkedQueue<>();
    /** At most this many works share one commit. */
    private static final int MAX_GROUP = 64;
    /**
     * Commits works submitted with {@link #submitGroupTransaction} on its own thread, created on
     * first use; a drain is scheduled only when none is pending (one wake-up per burst).
     */
    private volatile java.util.concurrent.ExecutorService committer;
    private final java.util.concurrent.atomic.AtomicBoolean drainScheduled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;
    private final WalCheckpointer checkpointer;

    private Database(Path file, Connection writer, List<Connection> readers, Connection checkpoints) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.checkpointer = new WalCheckpointer(writer, checkpoints, statements::get);
        this.allReaders = List.copyOf(readers);
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
        this.writerStatements = new StatementCache(writer);
        Map<Connection, StatementCache> caches = new IdentityHashMap<>();
        readers.forEach(r -> caches.put(r, new StatementCache(r)));
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
        writeLock.lock();
        try {
            if (depth > 0) {
                return runNested(work);
            }
            return runOutermost(work);
        } finally {
            writeLock.unlock();
        }
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
     * write connection is busy are committed together (group commit): whichever caller gets the
     * write lock runs every queued work, each inside its own {@code SAVEPOINT}, and commits once.
     * Each caller still gets its own result or exception when its work is committed or rolled
     * back: a failing work rolls back only its own savepoint (and drops its after-commit
     * actions); a failing COMMIT fails all of them. A call on a thread already inside a
     * transaction joins it as {@link #inTransaction} does.
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
        GroupRequest<T> request = new GroupRequest<>(work, null);
        group.add(request);
        List<GroupRequest<?>> ran = new ArrayList<>();
        writeLock.lock();
        try {
            while (!request.done) {
                if (depth > 0) {
                    // the lock was re-entered from inside a transaction: cannot happen for an outermost call
                    throw new IllegalStateException("group transaction inside a transaction");
                }
                ran.addAll(runGroup());
            }
        } finally {
            writeLock.unlock();
            completeFutures(ran);
        }
        return request.result();
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
    public <T> java.util.concurrent.CompletableFuture<T> submitGroupTransaction(TransactionWork<T> work) {
        return submitGroupTransaction(work, true);
    }

    /**
     * {@link #submitGroupTransaction(TransactionWork)}; with {@code callerMayRun} false the work is
     * always left to the committer thread, so the caller returns at once even when nobody else is
     * writing (for a caller with better things to do than commit).
     */
    public <T> java.util.concurrent.CompletableFuture<T> submitGroupTransaction(TransactionWork<T> work, boolean callerMayRun) {
        ensureOpen();
        if (inTransactionOnThisThread()) {
            try {
                return java.util.concurrent.CompletableFuture.completedFuture(inTransaction(work));
            } catch (RuntimeException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        }
        java.util.concurrent.CompletableFuture<T> future = new java.util.concurrent.CompletableFuture<>();
        GroupRequest<T> request = new GroupRequest<>(work, future);
        group.add(request);
        if (callerMayRun && writeLock.tryLock()) {
            // nobody is writing: commit at once on this thread, no hand-off and no waiting
            List<GroupRequest<?>> ran = new ArrayList<>();
            try {
                while (!request.done && !closed) {
                    ran.addAll(runGroup());
                }
            } finally {
                writeLock.unlock();
                completeFutures(ran);
            }
            if (request.done) {
                return future;
            }
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                committer().execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainScheduled.set(false);
                drain(); // closing: commit on the caller's thread rather than lose the work
            }
        }
        return future;
    }

    private java.util.concurrent.ExecutorService committer() {
        java.util.concurrent.ExecutorService c = committer;
        if (c == null) {
            synchronized (this) {
                c = committer;
                if (c == null) {
                    c = java.util.concurrent.Executors.newSingleThreadExecutor(DaemonThreads.named("db-committer"));
                    committer = c;
                }
            }
        }
        return c;
    }

    /** Commits every queued group request (the committer's loop). */
    private void drain() {
        drainScheduled.set(false);
        while (!group.isEmpty()) {
            List<GroupRequest<?>> ran = new ArrayList<>();
            writeLock.lock();
            try {
                if (closed) {
                    ran.addAll(failQueued(new StorageException("The database is closed.")));
                } else {
                    ran.addAll(runGroup());
                }
            } finally {
                writeLock.unlock();
                completeFutures(ran);
            }
        }
    }

    /** Caller holds the write lock. */
    private List<GroupRequest<?>> failQueued(RuntimeException why) {
        List<GroupRequest<?>> failed = new ArrayList<>();
        for (GroupRequest<?> r = group.poll(); r != null; r = group.poll()) {
            r.failure = why;
            r.done = true;
            failed.add(r);
        }
        return failed;
    }

    /** Completes the futures of submitted works; called without the write lock. */
    private static void completeFutures(List<GroupRequest<?>> ran) {
        for (GroupRequest<?> r : ran) {
            r.completeFuture();
        }
    }

    /**
     * Runs queued group requests (at most {@value #MAX_GROUP} per commit) and returns them, for
     * the caller to complete their futures once it has released the write lock. Caller holds the
     * write lock.
     */
    private List<GroupRequest<?>> runGroup() {
        List<GroupRequest<?>> batch = new ArrayList<>();
        for (GroupRequest<?> r = group.poll(); r != null; r = batch.size() < MAX_GROUP ? group.poll() : null) {
            batch.add(r);
        }
        if (batch.isEmpty()) {
            return batch;
        }
        boolean single = batch.size() == 1;
        exec("BEGIN IMMEDIATE");
        depth = 1;
        boolean committed = false;
        try {
            for (GroupRequest<?> r : batch) {
                runInSavepoint(r, single);
            }
            exec("COMMIT");
            commits.incrementAndGet();
            committed = true;
            depth = 0;
            runAfterCommit();
        } catch (Throwable t) {
            RuntimeException e = rethrow(t);
            for (GroupRequest<?> r : batch) {
                if (r.failure == null) {
                    r.failure = e; // nothing of the group was saved
                }
            }
        } finally {
            endTransaction(committed);
            for (GroupRequest<?> r : batch) {
                r.done = true;
            }
        }
        return batch;
    }

    private void runInSavepoint(GroupRequest<?> r, boolean single) {
        int mark = afterCommit.size();
        rollbackOnly = false;
        if (!single) {
            exec("SAVEPOINT grp");
        }
        try {
            r.run();
            if (rollbackOnly) {
                throw new StorageException("A nested step of this transaction failed; nothing was saved.");
            }
            if (!single) {
                exec("RELEASE grp");
            }
        } catch (Throwable t) {
            r.failure = rethrow(t);
            if (single) {
                throw r.failure;
            }
            exec("ROLLBACK TO grp");
            exec("RELEASE grp");
            afterCommit.subList(mark, afterCommit.size()).clear();
        } finally {
            rollbackOnly = false;
        }
    }

    /**
     * One caller's work in a group commit; fields guarded by the write lock (read by
     * {@link #completeFuture} after the lock was released by the thread that set them).
     */
    private static final class GroupRequest<T> {
        private final TransactionWork<T> work;
        /** Null for a caller that waits in {@link #inGroupTransaction}. */
        private final java.util.concurrent.CompletableFuture<T> future;
        private T value;
        private RuntimeException failure;
        private boolean done;

        GroupRequest(TransactionWork<T> work, java.util.concurrent.CompletableFuture<T> future) {
            this.work = work;
            this.future = future;
        }

        void completeFuture() {
            if (future != null) {
                if (failure != null) {
                    future.completeExceptionally(failure);
                } else {
                    future.complete(value);
                }
            }
        }

        void run() throws Exception {
            value = work.run();
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /** True when the calling thread is inside {@link #inTransaction}. */
    public boolean inTransactionOnThisThread() {
        return writeLock.isHeldByCurrentThread() && depth > 0;
    }

    private <T> T runNested(TransactionWork<T> work) {
        depth++;
        try {
            return work.run();
        } catch (Throwable t) {
            rollbackOnly = true;
            throw rethrow(t);
        } finally {
            depth--;
        }
    }

    private <T> T runOutermost(TransactionWork<T> work) {
        exec("BEGIN IMMEDIATE");
        depth = 1;
        rollbackOnly = false;
        boolean committed = false;
        try {
            T result = work.run();
            if (rollbackOnly) {
                throw new StorageException("A nested step of this transaction failed; nothing was saved.");
            }
            exec("COMMIT");
            commits.incrementAndGet();
            committed = true;
            // the transaction is over: an action that writes (publishes an event, say) runs on its own
            // and its own after-commit work runs at once instead of being dropped with this list
            depth = 0;
            runAfterCommit();
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            endTransaction(committed);
        }
    }

    /** Resets the transaction state; rolls back when the commit did not happen. Caller holds the write lock. */
    private void endTransaction(boolean committed) {
        depth = 0;
        if (!committed) {
            rollbackQuietly();
        }
        afterCommit.clear();
        rollbackOnly = false;
    }

    /**
     * Runs {@code action} once the calling thread's transaction has committed (never if it rolls
     * back), or at once when no transaction is open on this thread. Use it for side effects that
     * must not be seen before the data is: notifying subscribers, filling caches.
     */
    public void afterCommit(Runnable action) {
        if (inTransactionOnThisThread()) {
            afterCommit.add(action);
        } else {
            action.run();
        }
    }

    private void runAfterCommit() {
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("An after-commit action failed: {}", e.toString());
            }
        }
    }

    private void rollbackQuietly() {
        try (Statement s = writer.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active": SQLite already rolled back (e.g. after SQLITE_FULL).
            log.debug("Rollback: {}", e.getMessage());
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof SQLException se) {
            return new StorageException("Database error: " + firstLine(se.getMessage()), se);
        }
        return new StorageException("Transaction failed: " + t.getMessage(), t);
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
        writeLock.lock();
        PreparedStatement ps = null;
        try {
            ps = writerStatements.get(sql);
            bind(ps, params);
            statements.incrementAndGet();
            return ps.executeUpdate();
        } catch (SQLException e) {
            writerStatements.evict(sql, ps);
            throw wrap(e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Executes one data-changing statement with a {@code RETURNING} clause on the write
     * connection (joining this thread's transaction if one is open, else autocommitted) and maps
     * the returned rows, e.g. {@code INSERT ... ON CONFLICT DO NOTHING RETURNING id}.
     */
    public <T> List<T> writeQuery(String sql, RowMapper<T> mapper, Object... params) {
        ensureOpen();
        writeLock.lock();
        try {
            return runQuery(writerStatements, sql, mapper, params);
        } catch (SQLException e) {
            throw wrap(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Executes an INSERT and returns the new row's rowid (for AUTOINCREMENT tables). */
    public long insertReturningId(String sql, Object... params) {
        ensureOpen();
        writeLock.lock();
        PreparedStatement ps = null;
        try {
            ps = writerStatements.get(sql);
            bind(ps, params);
            statements.incrementAndGet();
            ps.executeUpdate();
            ps = writerStatements.get(LAST_ROWID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            writerStatements.evict(sql, null);
            writerStatements.evict(LAST_ROWID, null);
            throw wrap(e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Executes the same statement once per parameter row, in one transaction (joined if open). */
    public int[] batch(String sql, List<Object[]> rows) {
        return inTransaction(() -> {
            PreparedStatement ps = writerStatements.get(sql);
            try {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                statements.incrementAndGet();
                return ps.executeBatch();
            } catch (SQLException e) {
                writerStatements.evict(sql, ps);
                throw e;
            } finally {
                if (!ps.isClosed()) {
                    ps.clearBatch();
                }
            }
        });
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return withReadConnection(c -> runQuery(c == writer ? writerStatements : readerStatements.get(c), sql, mapper, params));
    }

    /** Runs a cached statement and maps its rows; the caller owns the connection (lock or borrow). */
    private <T> List<T> runQuery(StatementCache cache, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement ps = cache.get(sql);
        boolean ok = false;
        try {
            bind(ps, params);
            statements.incrementAndGet();
            List<T> out = new ArrayList<>();
            // closing the result set resets the statement: no read snapshot stays open
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                cache.evict(sql, ps);
            }
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
                return work.run(writer);
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
        writeLock.lock();
        try {
            return work.run(writer);
        } catch (SQLException e) {
            throw wrap(e);
        } finally {
            writeLock.unlock();
        }
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
        return commits.get();
    }

    /** BEGIN / COMMIT on the write connection (caller holds the write lock); prepared once. */
    private void exec(String sql) {
        PreparedStatement ps = null;
        try {
            ps = writerStatements.get(sql);
            statements.incrementAndGet();
            ps.execute();
        } catch (SQLException e) {
            writerStatements.evict(sql, ps);
            throw wrap(e);
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
            if (p == null) {
                ps.setNull(idx, java.sql.Types.NULL);
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

    /** Closes every connection. Idempotent; waits for a running transaction to finish. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        java.util.concurrent.ExecutorService c = committer;
        if (c != null) {
            c.shutdown(); // a drain already scheduled still runs: submitted works are committed, not lost
            try {
                if (!c.awaitTermination(DEFAULT_BUSY_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    log.warn("Pending group commits did not finish before close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<GroupRequest<?>> lastCommitted = new ArrayList<>();
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            if (!group.isEmpty()) {
                lastCommitted.addAll(runGroupsBeforeClose());
            }
            closed = true;
            checkpointer.close();
            writerStatements.closeAll();
            readerStatements.values().forEach(StatementCache::closeAll);
            allReaders.forEach(Database::closeQuietly);
            closeQuietly(writer);
            log.info("Closed database {}", file);
        } finally {
            writeLock.unlock();
            completeFutures(lastCommitted);
        }
    }

    /** Commits works still queued at close (submitted after the committer stopped). Caller holds the write lock. */
    private List<GroupRequest<?>> runGroupsBeforeClose() {
        List<GroupRequest<?>> ran = new ArrayList<>();
        while (!group.isEmpty()) {
            ran.addAll(runGroup());
        }
        return ran;
    }

    /** Prepared statements of one connection, least recently used closed first. Not thread-safe. */
    private static final class StatementCache {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true);

        StatementCache(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement get(String sql) throws SQLException {
            PreparedStatement ps = statements.get(sql);
            if (ps != null) {
                return ps;
            }
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
            if (statements.size() > STATEMENT_CACHE_SIZE) {
                Iterator<Map.Entry<String, PreparedStatement>> eldest = statements.entrySet().iterator();
                PreparedStatement old = eldest.next().getValue();
                eldest.remove();
                closeQuietly(old);
            }
            return ps;
        }

        /** Drops (and closes) the statement cached for {@code sql}, e.g. after it failed. */
        void evict(String sql, PreparedStatement expected) {
            PreparedStatement ps = statements.get(sql);
            if (ps != null && (expected == null || ps == expected)) {
                statements.remove(sql);
                closeQuietly(ps);
            }
        }

        void closeAll() {
            statements.values().forEach(Database::closeQuietly);
            statements.clear();
        }
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            log.debug("Closing a statement failed: {}", e.getMessage());
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
