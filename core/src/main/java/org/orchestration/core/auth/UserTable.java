package org.orchestration.core.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orchestration.core.db.Database;

/** SQL for the {@code users} table. No authorization here: services check before calling. */
final class UserTable {

    /** A user row with its password hash, for the login path only. */
    record Credentials(User user, String passwordHash) {
    }

    private static final String COLUMNS = "id, email, display_name, role, active";

    private final Database db;

    UserTable(Database db) {
        this.db = db;
    }

    Optional<User> findById(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return db.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserTable::user, id);
    }

    Optional<Credentials> findCredentialsByEmail(String email) {
        return db.queryOne("SELECT " + COLUMNS + ", password_hash FROM users WHERE email = ?",
                rs -> new Credentials(user(rs), rs.getString("password_hash")), email);
    }

    Optional<Credentials> findCredentialsById(String id) {
        return db.queryOne("SELECT " + COLUMNS + ", password_hash FROM users WHERE id = ?",
                rs -> new Credentials(user(rs), rs.getString("password_hash")), id);
    }

    boolean emailExists(String email) {
        return db.queryLong("SELECT count(*) FROM users WHERE email = ?", email) > 0;
    }

    long count() {
        return db.queryLong("SELECT count(*) FROM users");
    }

    long countActiveAdmins() {
        return db.queryLong("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1");
    }

    /** Active admins whose stored hash is a bcrypt hash (not the single-user owner's unusable one). */
    long countActiveAdminsWithPassword() {
        return db.queryLong("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND password_hash LIKE '$2%'");
    }

    void insert(User user, String passwordHash, Instant now) {
        db.update("INSERT INTO users (id, email, display_name, password_hash, role, active, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.email(), user.displayName(), passwordHash, user.role().dbValue(), user.active(), now);
    }

    List<UserAccount> listAll() {
        return db.query("SELECT " + COLUMNS + ", created_at, last_login_at FROM users ORDER BY created_at, email",
                rs -> new UserAccount(user(rs), Instant.ofEpochMilli(rs.getLong("created_at")),
                        optionalInstant(rs, "last_login_at")));
    }

    /** The earliest-created active admin, if any. */
    Optional<User> firstActiveAdmin() {
        return db.queryOne("SELECT " + COLUMNS + " FROM users WHERE role = 'admin' AND active = 1 "
                + "ORDER BY created_at, id LIMIT 1", UserTable::user);
    }

    void setActive(String id, boolean active) {
        db.update("UPDATE users SET active = ? WHERE id = ?", active, id);
    }

    void setRole(String id, Role role) {
        db.update("UPDATE users SET role = ? WHERE id = ?", role.dbValue(), id);
    }

    void setPasswordHash(String id, String passwordHash) {
        db.update("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, id);
    }

    void setEmail(String id, String email) {
        db.update("UPDATE users SET email = ? WHERE id = ?", email, id);
    }

    void touchLastLogin(String id, Instant now) {
        db.update("UPDATE users SET last_login_at = ? WHERE id = ?", now, id);
    }

    static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("display_name"),
                Role.fromDb(rs.getString("role")), rs.getInt("active") == 1);
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
