-- The whole schema of the engine. Conventions:
--  * ids exposed to clients are TEXT (UUIDs); log-like tables use INTEGER autoincrement ids
--    (events.id is the SSE event id).
--  * instants are INTEGER epoch milliseconds (UTC); periods (day, month) are computed in Java.
--  * money is INTEGER micro-dollars (1 USD = 1,000,000) so sums never drift.
--  * every REFERENCES names its ON DELETE rule.

CREATE TABLE users (
    id             TEXT    PRIMARY KEY,
    email          TEXT    NOT NULL COLLATE NOCASE,
    display_name   TEXT    NOT NULL DEFAULT '',
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('admin', 'user')),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     INTEGER NOT NULL,
    last_login_at  INTEGER,
    CONSTRAINT users_email_unique UNIQUE (email)
);

CREATE TABLE api_keys (
    id            TEXT    PRIMARY KEY,
    user_id       TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    prefix        TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE refresh_tokens (
    id           TEXT    PRIMARY KEY,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    replaced_by  TEXT
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Users are deactivated, never deleted while they own data: RESTRICT keeps a project from
-- losing its owner.
CREATE TABLE projects (
    id                   TEXT    PRIMARY KEY,
    owner_id             TEXT    NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    name                 TEXT    NOT NULL,
    requirements         TEXT    NOT NULL DEFAULT '',
    status               TEXT    NOT NULL DEFAULT 'DRAFT'
                         CHECK (status IN ('DRAFT', 'PLANNING', 'PLANNED', 'READY', 'RUNNING',
                                           'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED')),
    budget_limit_micros  INTEGER CHECK (budget_limit_micros IS NULL OR budget_limit_micros >= 0),
    planning_error       TEXT,
    planning_raw_reply   TEXT,
    status_reason        TEXT,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX projects_owner ON projects (owner_id);
CREATE INDEX projects_status ON projects (status);

CREATE TABLE plans (
    id           TEXT    PRIMARY KEY,
    project_id   TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version      INTEGER NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'APPROVED', 'SUPERSEDED')),
    body         TEXT    NOT NULL,
    raw_reply    TEXT,
    warnings     TEXT    NOT NULL DEFAULT '[]',
    provider     TEXT,
    model        TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    approved_at  INTEGER,
    CONSTRAINT plans_version_unique UNIQUE (project_id, version)
);

CREATE TABLE tasks (
    id                  TEXT    PRIMARY KEY,
    project_id          TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    plan_id             TEXT    NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    title               TEXT    NOT NULL,
    description         TEXT    NOT NULL DEFAULT '',
    task_type           TEXT    NOT NULL,
    complexity          TEXT    NOT NULL,
    priority            INTEGER NOT NULL DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
    tools               TEXT    NOT NULL DEFAULT '[]',
    provider            TEXT,
    model               TEXT,
    max_tokens          INTEGER NOT NULL DEFAULT 4096 CHECK (max_tokens BETWEEN 1 AND 32768),
    estimated_tokens    INTEGER,
    status              TEXT    NOT NULL
                        CHECK (status IN ('BLOCKED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    wait_reason         TEXT,
    retry_after         INTEGER,
    attempts            INTEGER NOT NULL DEFAULT 0,
    auto_retries        INTEGER NOT NULL DEFAULT 0,
    manual_retries      INTEGER NOT NULL DEFAULT 0,
    output              TEXT,
    note                TEXT,
    error               TEXT,
    input_tokens        INTEGER NOT NULL DEFAULT 0,
    output_tokens       INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens   INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens  INTEGER NOT NULL DEFAULT 0,
    cost_micros         INTEGER NOT NULL DEFAULT 0,
    started_at          INTEGER,
    completed_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CONSTRAINT tasks_seq_unique UNIQUE (plan_id, seq)
);
CREATE INDEX tasks_project_status ON tasks (project_id, status);
CREATE INDEX tasks_status ON tasks (status);

CREATE TABLE task_deps (
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    depends_on  TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, depends_on),
    CHECK (task_id <> depends_on)
);
CREATE INDEX task_deps_depends_on ON task_deps (depends_on);

-- Each tool call a task made, with its input and result, for the Task screen.
CREATE TABLE tool_calls (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id     TEXT    NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    round       INTEGER NOT NULL,
    tool_name   TEXT    NOT NULL,
    input       TEXT    NOT NULL,
    result      TEXT,
    is_error    INTEGER NOT NULL DEFAULT 0 CHECK (is_error IN (0, 1)),
    created_at  INTEGER NOT NULL
);
CREATE INDEX tool_calls_task ON tool_calls (task_id);

-- The single source of truth for spend. A replayed provider call carries the same
-- idempotency key (task, attempt, round) and is ignored. Deleting a project keeps its rows
-- (SET NULL) so that today's and this month's spend cannot be reset by a delete.
CREATE TABLE usage_log (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key     TEXT    NOT NULL,
    user_id             TEXT    REFERENCES users (id) ON DELETE SET NULL,
    project_id          TEXT    REFERENCES projects (id) ON DELETE SET NULL,
    task_id             TEXT    REFERENCES tasks (id) ON DELETE SET NULL,
    purpose             TEXT    NOT NULL CHECK (purpose IN ('plan', 'task', 'embedding')),
    provider            TEXT    NOT NULL,
    model               TEXT    NOT NULL,
    input_tokens        INTEGER NOT NULL DEFAULT 0,
    output_tokens       INTEGER NOT NULL DEFAULT 0,
    cache_read_tokens   INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens  INTEGER NOT NULL DEFAULT 0,
    cost_micros         INTEGER NOT NULL CHECK (cost_micros >= 0),
    created_at          INTEGER NOT NULL,
    CONSTRAINT usage_log_idempotency_unique UNIQUE (idempotency_key)
);
CREATE INDEX usage_log_created ON usage_log (created_at);
CREATE INDEX usage_log_project ON usage_log (project_id, created_at);

-- The event log: the autoincrement id is the SSE event id (Last-Event-ID resumes from it).
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  TEXT    REFERENCES projects (id) ON DELETE CASCADE,
    type        TEXT    NOT NULL,
    payload     TEXT    NOT NULL DEFAULT '{}',
    created_at  INTEGER NOT NULL
);
CREATE INDEX events_project ON events (project_id, id);

-- Runtime-editable settings (budget limits, concurrency, routing, prices): JSON values.
CREATE TABLE settings (
    key         TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE knowledge_bases (
    id               TEXT    PRIMARY KEY,
    owner_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    name             TEXT    NOT NULL,
    root_path        TEXT    NOT NULL,
    embedding_model  TEXT    NOT NULL,
    embedding_dims   INTEGER NOT NULL CHECK (embedding_dims > 0),
    status           TEXT    NOT NULL DEFAULT 'EMPTY'
                     CHECK (status IN ('EMPTY', 'INDEXING', 'READY', 'FAILED', 'CANCELLED')),
    last_indexed_at  INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL
);
CREATE INDEX knowledge_bases_owner ON knowledge_bases (owner_id);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kb_id         TEXT    NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    path          TEXT    NOT NULL,
    content_hash  TEXT    NOT NULL,
    size_bytes    INTEGER NOT NULL,
    indexed_at    INTEGER NOT NULL,
    CONSTRAINT documents_path_unique UNIQUE (kb_id, path)
);

CREATE TABLE chunks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kb_id        TEXT    NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    start_line   INTEGER NOT NULL,
    end_line     INTEGER NOT NULL,
    embedding    BLOB    NOT NULL
);
CREATE INDEX chunks_document ON chunks (document_id);
CREATE INDEX chunks_kb ON chunks (kb_id);

-- External-content FTS5 index over chunks.text, kept in step by triggers.
CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content = 'chunks', content_rowid = 'id');
CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER chunks_au AFTER UPDATE OF text ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO chunks_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Classes, functions and types found while indexing source code (lookup_type).
CREATE TABLE symbols (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kb_id        TEXT    NOT NULL REFERENCES knowledge_bases (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    language     TEXT    NOT NULL,
    signature    TEXT    NOT NULL,
    line         INTEGER NOT NULL
);
CREATE INDEX symbols_name ON symbols (kb_id, name COLLATE NOCASE);
CREATE INDEX symbols_document ON symbols (document_id);
