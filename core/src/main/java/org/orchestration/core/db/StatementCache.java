package org.orchestration.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements of one connection, keyed by SQL text, at most
 * {@value Database#STATEMENT_CACHE_SIZE}, least recently used closed first. Not thread-safe: the
 * write connection's cache is used under the write lock, a read connection's only by the thread
 * that borrowed it. A statement that failed is dropped.
 */
final class StatementCache {

    private static final Logger log = LoggerFactory.getLogger(StatementCache.class);

    private final Connection connection;
    /** Counts every statement run through any cache of the database (shared). */
    private final AtomicLong executed;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true);

    StatementCache(Connection connection, AtomicLong executed) {
        this.connection = connection;
        this.executed = executed;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps != null) {
            return ps;
        }
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
        if (statements.size() > Database.STATEMENT_CACHE_SIZE) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest = statements.entrySet().iterator();
            PreparedStatement old = eldest.next().getValue();
            eldest.remove();
            closeQuietly(old);
        }
        return ps;
    }

    /** Counts one statement about to run. */
    void counted() {
        executed.incrementAndGet();
    }

    /**
     * Runs a cached query and maps its rows. Closing the result set resets the statement, so no
     * read snapshot stays open.
     */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement ps = get(sql);
        boolean ok = false;
        try {
            Database.bind(ps, params);
            counted();
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            ok = true;
            return out;
        } finally {
            if (!ok) {
                evict(sql, ps);
            }
        }
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
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException e) {
            log.debug("Closing a statement failed: {}", e.getMessage());
        }
    }
}
