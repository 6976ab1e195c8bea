package org.orchestration.core.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.OwnedRows;
import org.orchestration.core.tools.WriteFileTool;

/**
 * Read model of what happened to one task, derived from what the engine already stores: its
 * attempts from the {@code task.status} events (which carry {@code attempt}, {@code status} and
 * {@code error}), and the files it wrote from its successful {@code write_file} rows in
 * {@code tool_calls}. Read-only; it writes nothing and owns no table.
 */
public final class TaskHistory {

    /** How an attempt ended. */
    public enum Outcome {
        /** Still running. */
        RUNNING,
        COMPLETED,
        /** Failed for good. */
        FAILED,
        /** Failed with a transient error; the engine retries it automatically. */
        RETRY_SCHEDULED,
        /** Stopped without a result (the engine stopped or restarted); the task ran again later. */
        INTERRUPTED,
        CANCELLED;

        /** The outcome in words, as the task screen shows it. */
        public String label() {
            return switch (this) {
                case RUNNING -> "running";
                case COMPLETED -> "completed";
                case FAILED -> "failed";
                case RETRY_SCHEDULED -> "failed, retried automatically";
                case INTERRUPTED -> "interrupted";
                case CANCELLED -> "cancelled";
            };
        }
    }

    /**
     * One attempt at running the task.
     *
     * @param endedAt null while running, or when the engine stopped without recording an end
     * @param error   the error (or the reason it was interrupted); null when it completed
     */
    public record Attempt(int number, Instant startedAt, Instant endedAt, Outcome outcome, String error) {
    }

    /**
     * A file the task wrote.
     *
     * @param path          relative to the project's workspace, with forward slashes
     * @param lastWrittenAt when the task last wrote it
     * @param attempt       the attempt that last wrote it
     */
    public record WrittenFile(String path, Instant lastWrittenAt, int attempt) {
    }

    private static final Pattern WROTE = Pattern.compile("^Wrote \\d+ bytes to (.+)\\.$");

    private final Database db;

    public TaskHistory(Database db) {
        this.db = db;
    }

    /**
     * The task's attempts, oldest first.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the task does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither the project's owner nor an admin
     */
    public List<Attempt> attempts(User actor, String taskId) {
        TaskRow task = task(actor, taskId);
        String type = EventJson.type(TaskStatusChanged.class);
        List<Optional<StatusEvent>> rows = db.query("SELECT payload, created_at FROM events WHERE project_id = ? AND type = ? "
                        + "AND json_extract(payload, '$.taskId') = ? ORDER BY id",
                rs -> statusEvent(task.projectId(), type, rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))),
                task.projectId(), type, taskId);
        List<Attempt> out = new ArrayList<>();
        Open open = null;
        for (StatusEvent e : rows.stream().flatMap(Optional::stream).toList()) {
            TaskStatus status = e.change().status();
            String error = e.change().error();
            if (status == TaskStatus.RUNNING) {
                if (open != null) {
                    out.add(open.end(null, Outcome.INTERRUPTED, "The engine stopped during this attempt."));
                }
                Integer attempt = e.change().attempt();
                open = new Open(attempt != null ? attempt : out.size() + 1, e.at());
                continue;
            }
            if (open == null) {
                continue; // BLOCKED -> PENDING, a manual retry reopening the task, ...: no attempt ends here
            }
            if (status == TaskStatus.COMPLETED) {
                out.add(open.end(e.at(), Outcome.COMPLETED, null));
            } else if (status == TaskStatus.FAILED) {
                out.add(open.end(e.at(), Outcome.FAILED, error));
            } else if (status == TaskStatus.CANCELLED) {
                out.add(open.end(e.at(), Outcome.CANCELLED, error));
            } else if (status == TaskStatus.PENDING) {
                out.add(error != null ? open.end(e.at(), Outcome.RETRY_SCHEDULED, error)
                        : open.end(e.at(), Outcome.INTERRUPTED, e.change().note()));
            } else {
                continue;
            }
            open = null;
        }
        if (open != null) {
            out.add(task.status() == TaskStatus.RUNNING ? open.end(null, Outcome.RUNNING, null)
                    : open.end(null, Outcome.INTERRUPTED, "The engine stopped during this attempt."));
        }
        if (out.isEmpty() && task.attempts() > 0) {
            out.add(fromRow(task)); // events of an older database: what the task row still says
        }
        return out;
    }

    /**
     * The files the task wrote with {@code write_file} (successful calls only), each once, in the
     * order they were first written.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the task does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither the project's owner nor an admin
     */
    public List<WrittenFile> filesWritten(User actor, String taskId) {
        task(actor, taskId);
        Map<String, WrittenFile> files = new LinkedHashMap<>();
        List<WrittenFile> writes = db.query("SELECT attempt, input, result, created_at FROM tool_calls "
                        + "WHERE task_id = ? AND tool_name = ? AND is_error = 0 ORDER BY id",
                rs -> new WrittenFile(path(rs.getString(2), rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getInt(1)),
                taskId, WriteFileTool.NAME);
        for (WrittenFile w : writes) {
            if (w.path() != null) {
                files.put(w.path(), w); // the first write keeps its place, the last one its time
            }
        }
        return List.copyOf(files.values());
    }

    /** The workspace-relative path: as the tool reported it ("Wrote n bytes to p."), else from the input. */
    static String path(String input, String result) {
        if (result != null) {
            Matcher m = WROTE.matcher(result.strip());
            if (m.matches()) {
                return clean(m.group(1));
            }
        }
        String p = text(json(input), "path");
        return p == null ? null : clean(p);
    }

    /** Parses stored JSON; unreadable text reads as an empty object (the row is then skipped). */
    private static JsonNode json(String text) {
        try {
            JsonNode node = text == null ? null : Json.mapper().readTree(text);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String clean(String path) {
        String p = path.strip().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        p = p.replaceAll("/{2,}", "/");
        return p.isEmpty() || p.startsWith("/") || p.equals(".") || p.contains("../") || p.equals("..") ? null : p;
    }

    private static Attempt fromRow(TaskRow t) {
        Outcome outcome = switch (t.status()) {
            case COMPLETED -> Outcome.COMPLETED;
            case FAILED -> Outcome.FAILED;
            case CANCELLED -> Outcome.CANCELLED;
            case RUNNING -> Outcome.RUNNING;
            default -> t.error() != null ? Outcome.RETRY_SCHEDULED : Outcome.INTERRUPTED;
        };
        return new Attempt(t.attempts(), t.startedAt(), t.status().isTerminal() ? t.completedAt() : null, outcome,
                outcome == Outcome.COMPLETED ? null : t.error());
    }

    private TaskRow task(User actor, String taskId) {
        return OwnedRows.load(db, actor, "SELECT t.project_id, t.status, t.attempts, t.error, t.started_at, t.completed_at, "
                + "p.owner_id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = ?",
                rs -> new TaskRow(rs.getString(1), TaskStatus.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                        instant(rs.getObject(5)), instant(rs.getObject(6))), taskId, "task");
    }

    private static Instant instant(Object millis) {
        return millis instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private record TaskRow(String projectId, TaskStatus status, int attempts, String error, Instant startedAt,
                           Instant completedAt) {
    }

    private record StatusEvent(TaskStatusChanged change, Instant at) {
    }

    /** A stored task.status row; empty when it cannot be read (written by another version). */
    private static Optional<StatusEvent> statusEvent(String projectId, String type, String payload, Instant at) {
        return EventJson.read(projectId, type, payload).map(e -> new StatusEvent((TaskStatusChanged) e, at));
    }

    private record Open(int number, Instant startedAt) {
        Attempt end(Instant at, Outcome outcome, String error) {
            return new Attempt(number, startedAt, at, outcome, error);
        }
    }
}
