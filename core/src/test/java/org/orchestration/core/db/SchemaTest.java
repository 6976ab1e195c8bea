package org.orchestration.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.testing.TestDb;

/** The migrated schema is the one the code expects, and its constraints hold. */
class SchemaTest {

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> columns(String table) {
        return db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", rs -> rs.getString(1), table);
    }

    /** "column -> table(column) ON DELETE rule" for every foreign key of a table. */
    private Map<String, String> foreignKeys(String table) {
        Map<String, String> out = new TreeMap<>();
        db.query("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?)", rs -> {
            out.put(rs.getString(1), rs.getString(2) + "(" + rs.getString(3) + ") " + rs.getString(4));
            return null;
        }, table);
        return out;
    }

    @Test
    void everyTableOfTheArchitectureExists() {
        List<String> tables = db.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                        + "AND name NOT LIKE 'chunks_fts_%' AND name <> 'flyway_schema_history' ORDER BY name",
                rs -> rs.getString(1));
        assertThat(tables).containsExactly("api_keys", "chunks", "chunks_fts", "documents", "events", "knowledge_bases",
                "plans", "projects", "refresh_tokens", "settings", "symbols", "task_deps", "tasks", "tool_calls",
                "usage_log", "users");
    }

    @Test
    void columnsMatchWhatTheCodeReads() {
        assertThat(columns("users")).containsExactly("id", "email", "display_name", "password_hash", "role", "active",
                "created_at", "last_login_at");
        assertThat(columns("projects")).containsExactly("id", "owner_id", "name", "requirements", "status",
                "budget_limit_micros", "planning_error", "planning_raw_reply", "status_reason", "created_at", "updated_at", "tags");
        assertThat(columns("usage_log")).containsExactly("id", "idempotency_key", "user_id", "project_id", "task_id",
                "purpose", "provider", "model", "input_tokens", "output_tokens", "cache_read_tokens",
                "cache_write_tokens", "cost_micros", "created_at");
        assertThat(columns("events")).containsExactly("id", "project_id", "type", "payload", "created_at");
        assertThat(columns("task_deps")).containsExactly("task_id", "depends_on");
        assertThat(columns("tasks")).contains("status", "retry_after", "attempts", "auto_retries", "manual_retries",
                "output", "note", "error", "cost_micros", "provider", "model", "priority", "max_tokens");
    }

    @Test
    void everyForeignKeyNamesItsDeleteRule() {
        assertThat(foreignKeys("projects")).containsExactly(Map.entry("owner_id", "users(id) RESTRICT"));
        assertThat(foreignKeys("plans")).containsExactly(Map.entry("project_id", "projects(id) CASCADE"));
        assertThat(foreignKeys("tasks")).containsOnly(
                Map.entry("project_id", "projects(id) CASCADE"), Map.entry("plan_id", "plans(id) CASCADE"));
        assertThat(foreignKeys("task_deps")).containsOnly(
                Map.entry("task_id", "tasks(id) CASCADE"), Map.entry("depends_on", "tasks(id) CASCADE"));
        assertThat(foreignKeys("usage_log")).containsOnly(
                Map.entry("user_id", "users(id) SET NULL"), Map.entry("project_id", "projects(id) SET NULL"),
                Map.entry("task_id", "tasks(id) SET NULL"));
        assertThat(foreignKeys("api_keys")).containsExactly(Map.entry("user_id", "users(id) CASCADE"));
        assertThat(foreignKeys("refresh_tokens")).containsExactly(Map.entry("user_id", "users(id) CASCADE"));
        assertThat(foreignKeys("events")).containsExactly(Map.entry("project_id", "projects(id) CASCADE"));
        assertThat(foreignKeys("chunks")).containsOnly(
                Map.entry("document_id", "documents(id) CASCADE"), Map.entry("kb_id", "knowledge_bases(id) CASCADE"));

        // Every REFERENCES of every table has an explicit rule (SQLite reports NO ACTION otherwise).
        List<String> tables = db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES%'",
                rs -> rs.getString(1));
        for (String t : tables) {
            assertThat(foreignKeys(t).values()).as(t).noneMatch(v -> v.endsWith("NO ACTION"));
        }
    }

    private void seedProjectWithTaskAndUsage() {
        db.update("INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u1', 'a@example.com', '!', 'user', 0)");
        db.update("INSERT INTO projects (id, owner_id, name, created_at, updated_at) VALUES ('p1', 'u1', 'P', 0, 0)");
        db.update("INSERT INTO plans (id, project_id, version, body, created_at, updated_at) VALUES ('pl1', 'p1', 1, '{}', 0, 0)");
        db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, task_type, complexity, status, created_at, updated_at) "
                + "VALUES ('t1', 'p1', 'pl1', 0, 'A', 'code', 'simple', 'PENDING', 0, 0)");
        db.update("INSERT INTO tasks (id, project_id, plan_id, seq, title, task_type, complexity, status, created_at, updated_at) "
                + "VALUES ('t2', 'p1', 'pl1', 1, 'B', 'code', 'simple', 'BLOCKED', 0, 0)");
        db.update("INSERT INTO task_deps (task_id, depends_on) VALUES ('t2', 't1')");
        db.update("INSERT INTO events (project_id, type, created_at) VALUES ('p1', 'x', 0)");
        db.update("INSERT INTO usage_log (idempotency_key, user_id, project_id, task_id, purpose, provider, model, cost_micros, created_at) "
                + "VALUES ('k1', 'u1', 'p1', 't1', 'task', 'simulated', 'sim', 42, 0)");
    }

    @Test
    void deletingAProjectCascadesButKeepsItsSpend() {
        seedProjectWithTaskAndUsage();
        db.update("DELETE FROM projects WHERE id = 'p1'");

        assertThat(db.queryLong("SELECT count(*) FROM plans")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM tasks")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM task_deps")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM events")).isZero();
        assertThat(db.queryLong("SELECT sum(cost_micros) FROM usage_log WHERE project_id IS NULL AND task_id IS NULL"))
                .as("spend survives the delete, so a delete cannot reset today's budget").isEqualTo(42);
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> db.update("INSERT INTO projects (id, owner_id, name, created_at, updated_at) VALUES ('p', 'nobody', 'P', 0, 0)"))
                .isInstanceOf(StorageException.class).satisfies(e -> assertThat(Database.isConstraintViolation(e)).isTrue());
        seedProjectWithTaskAndUsage();
        assertThatThrownBy(() -> db.update("DELETE FROM users WHERE id = 'u1'"))
                .as("a user who owns projects cannot be deleted").isInstanceOf(StorageException.class);
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        db.update("INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u1', 'Ann@Example.com', '!', 'user', 0)");
        assertThatThrownBy(() -> db.update(
                "INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u2', 'ann@example.COM', '!', 'user', 0)"))
                .satisfies(e -> assertThat(Database.isConstraintViolation(e)).isTrue());
    }

    @Test
    void usageIdempotencyKeyIsUnique() {
        seedProjectWithTaskAndUsage();
        int inserted = db.update("INSERT INTO usage_log (idempotency_key, purpose, provider, model, cost_micros, created_at) "
                + "VALUES ('k1', 'task', 's', 'm', 1, 0) ON CONFLICT (idempotency_key) DO NOTHING");
        assertThat(inserted).isZero();
        assertThat(db.queryLong("SELECT sum(cost_micros) FROM usage_log")).isEqualTo(42);
    }

    @Test
    void taskStateAndBoundsAreChecked() {
        seedProjectWithTaskAndUsage();
        assertThatThrownBy(() -> db.update("UPDATE tasks SET status = 'SLEEPING' WHERE id = 't1'")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> db.update("UPDATE tasks SET priority = 101 WHERE id = 't1'")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> db.update("INSERT INTO task_deps (task_id, depends_on) VALUES ('t1', 't1')")).isInstanceOf(StorageException.class);
    }

    @Test
    void fullTextIndexFollowsChunks() {
        db.update("INSERT INTO users (id, email, password_hash, role, created_at) VALUES ('u1', 'a@example.com', '!', 'user', 0)");
        db.update("INSERT INTO knowledge_bases (id, owner_id, name, root_path, embedding_model, embedding_dims, created_at) "
                + "VALUES ('kb', 'u1', 'K', '/tmp', 'm', 3, 0)");
        long doc = db.insertReturningId("INSERT INTO documents (kb_id, path, content_hash, size_bytes, indexed_at) VALUES ('kb', 'a.md', 'h', 1, 0)");
        db.update("INSERT INTO chunks (document_id, kb_id, ordinal, text, start_line, end_line, embedding) VALUES (?, 'kb', 0, 'orchestration engine', 1, 1, x'00')", doc);
        assertThat(db.queryLong("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", "\"engine\"")).isEqualTo(1);
        db.update("DELETE FROM documents WHERE id = ?", doc);
        assertThat(db.queryLong("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", "\"engine\"")).isZero();
    }

    @Test
    void migrationsRunOnceAndReopeningKeepsData() {
        db.update("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 0)");
        db.close();
        db = TestDb.open(dir);
        assertThat(db.queryLong("SELECT count(*) FROM settings")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'")).isEqualTo(1);
    }
}
