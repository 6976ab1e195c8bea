package org.orchestration.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.orchestration.core.errors.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's one write connection and its transaction state, all guarded by one
 * {@link ReentrantLock}: {@link #inTransaction} issues {@code BEGIN IMMEDIATE}, commits when the
 * work returns and rolls back on any exception; a nested call on the same thread joins the outer
 * transaction and, when it throws, dooms it (rollback-only) even if the outer work swallows the
 * exception. After-commit actions run once the outermost transaction has committed, never after a
 * rollback. {@link GroupCommitter} drives the same state for group commits through the
 * {@code begin}/{@code commit}/{@code end} primitives, holding the lock itself.
 */
final class WriteConnection {

    private static final Logger log = LoggerFactory.getLogger(WriteConnection.class);
    private static final String LAST_ROWID = "SELECT last_insert_rowid()";

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong commits = new AtomicLong();
    /** Guarded by lock. */
    private final StatementCache statements;
    /** Guarded by lock: nesting depth of the current transaction (0 = none). */
    private int depth;
    /** Guarded by lock: a nested call failed, so the outer transaction must roll back. */
    private boolean rollbackOnly;
    /** Guarded by lock: callbacks to run once the current transaction has committed. */
    private final List<Runnable> afterCommit = new ArrayList<>();

    WriteConnection(Connection connection, AtomicLong executed) {
        this.connection = connection;
        this.statements = new StatementCache(connection, executed);
    }

    // ------------------------------------------------------------------ lock

    void lock() {
        lock.lock();
    }

    boolean tryLock() {
        return lock.tryLock();
    }

    void unlock() {
        lock.unlock();
    }

    /** True when the calling thread is inside a transaction. */
    boolean inTransactionOnThisThread() {
        return lock.isHeldByCurrentThread() && depth > 0;
    }

    long commits() {
        return commits.get();
    }

    // ------------------------------------------------------------------ transactions

    <T> T inTransaction(TransactionWork<T> work) {
        lock.lock();
        try {
            return depth > 0 ? runNested(work) : runOutermost(work);
        } finally {
            lock.unlock();
        }
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
        begin();
        boolean committed = false;
        try {
            T result = work.run();
            failIfRollbackOnly();
            commit();
            committed = true;
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            end(committed);
        }
    }

    /** {@code BEGIN IMMEDIATE}; caller holds the lock and is in no transaction. */
    void begin() {
        exec("BEGIN IMMEDIATE");
        depth = 1;
        rollbackOnly = false;
    }

    /**
     * {@code COMMIT}, then the after-commit actions. The transaction is over before they run: an
     * action that writes (publishes an event, say) runs on its own, and its own after-commit work
     * runs at once instead of being dropped with this list. Caller holds the lock.
     */
    void commit() {
        exec("COMMIT");
        commits.incrementAndGet();
        depth = 0;
        runAfterCommit();
    }

    /** Resets the transaction state; rolls back when the commit did not happen. Caller holds the lock. */
    void end(boolean committed) {
        depth = 0;
        if (!committed) {
            rollbackQuietly();
        }
        afterCommit.clear();
        rollbackOnly = false;
    }

    /** Throws when a nested step failed, so the whole transaction must roll back. */
    void failIfRollbackOnly() {
        if (rollbackOnly) {
            throw new StorageException("A nested step of this transaction failed; nothing was saved.");
        }
    }

    void clearRollbackOnly() {
        rollbackOnly = false;
    }

    /** How many after-commit actions are registered (a savepoint's mark). */
    int afterCommitMark() {
        return afterCommit.size();
    }

    /** Drops the after-commit actions registered since {@code mark} (their savepoint rolled back). */
    void dropAfterCommitSince(int mark) {
        afterCommit.subList(mark, afterCommit.size()).clear();
    }

    void afterCommit(Runnable action) {
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
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active": SQLite already rolled back (e.g. after SQLITE_FULL).
            log.debug("Rollback: {}", e.getMessage());
        }
    }

    /** Unchecked exceptions as they are, errors thrown, checked ones wrapped in StorageException. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t instanceof SQLException se) {
            return Database.wrap(se);
        }
        return new StorageException("Transaction failed: " + t.getMessage(), t);
    }

    // ------------------------------------------------------------------ statements (take the lock)

    int update(String sql, Object... params) {
        lock.lock();
        PreparedStatement ps = null;
        try {
            ps = statements.get(sql);
            Database.bind(ps, params);
            statements.counted();
            return ps.executeUpdate();
        } catch (SQLException e) {
            statements.evict(sql, ps);
            throw Database.wrap(e);
        } finally {
            lock.unlock();
        }
    }

    <T> List<T> writeQuery(String sql, RowMapper<T> mapper, Object... params) {
        lock.lock();
        try {
            return statements.query(sql, mapper, params);
        } catch (SQLException e) {
            throw Database.wrap(e);
        } finally {
            lock.unlock();
        }
    }

    long insertReturningId(String sql, Object... params) {
        lock.lock();
        PreparedStatement ps = null;
        try {
            ps = statements.get(sql);
            Database.bind(ps, params);
            statements.counted();
            ps.executeUpdate();
            ps = statements.get(LAST_ROWID);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            statements.evict(sql, null);
            statements.evict(LAST_ROWID, null);
            throw Database.wrap(e);
        } finally {
            lock.unlock();
        }
    }

    int[] batch(String sql, List<Object[]> rows) {
        return inTransaction(() -> {
            PreparedStatement ps = statements.get(sql);
            try {
                for (Object[] row : rows) {
                    Database.bind(ps, row);
                    ps.addBatch();
                }
                statements.counted();
                return ps.executeBatch();
            } catch (SQLException e) {
                statements.evict(sql, ps);
                throw e;
            } finally {
                if (!ps.isClosed()) {
                    ps.clearBatch();
                }
            }
        });
    }

    /** Query on the write connection; the calling thread is inside a transaction (holds the lock). */
    <T> List<T> queryInTransaction(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return statements.query(sql, mapper, params);
    }

    /** JDBC work on the write connection under the lock (joining this thread's transaction if open). */
    <T> T withConnection(Database.ConnectionWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw Database.wrap(e);
        } finally {
            lock.unlock();
        }
    }

    /** The raw connection, for a thread already inside a transaction (holds the lock). */
    Connection connectionInTransaction() {
        return connection;
    }

    /** A statement without parameters, e.g. BEGIN / COMMIT / SAVEPOINT; caller holds the lock. */
    void exec(String sql) {
        PreparedStatement ps = null;
        try {
            ps = statements.get(sql);
            statements.counted();
            ps.execute();
        } catch (SQLException e) {
            statements.evict(sql, ps);
            throw Database.wrap(e);
        }
    }

    /** Closes the cached statements and the connection; caller holds the lock. */
    void close() {
        statements.closeAll();
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("Closing the write connection failed: {}", e.getMessage());
        }
    }
}
