package org.orchestration.core.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.TaskStatus;

/**
 * The writes to {@code tasks} and {@code task_deps} that are not run-time transitions: the task
 * graph a plan's approval creates, the unstarted tasks a re-approval replaces, and a user's edits.
 * Together with {@link TaskStore} (the run-time transitions) it is the only class that writes the
 * two tables; {@code TaskWritersTest} keeps it so. Deleting a project (or a plan) removes its
 * tasks, and deleting a task its edges, by {@code ON DELETE CASCADE}.
 *
 * <p>Each method joins the caller's transaction ({@link Database#inTransaction} on the same thread),
 * so an approval's tasks, edges and status changes stay all or nothing.
 */
public final class TaskWrites {

    /**
     * A task row to create.
     *
     * @param status     BLOCKED when it has dependencies, else PENDING
     * @param waitReason why a BLOCKED task waits, or null
     */
    public record NewTask(String id, String projectId, String planId, int seq, String title, String description,
                          String taskType, String complexity, int priority, List<String> tools, String provider, String model,
                          int maxTokens, Long estimatedTokens, TaskStatus status, String waitReason) {

        public NewTask {
            tools = List.copyOf(tools);
        }
    }

    /** One edge of the task graph: {@code taskId} runs after {@code dependsOn} completed. */
    public record Dependency(String taskId, String dependsOn) {
    }

    private static final String INSERT_TASK = "INSERT INTO tasks (id, project_id, plan_id, seq, title, description, task_type, "
            + "complexity, priority, tools, provider, model, max_tokens, estimated_tokens, status, wait_reason, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;

    public TaskWrites(Database db) {
        this.db = db;
    }

    /** Inserts one task row created at {@code now}. */
    public void insert(NewTask t, Instant now) {
        db.update(INSERT_TASK, row(t, now));
    }

    /** Inserts many task rows created at {@code now} in one batch (large graphs). */
    public void insertAll(List<NewTask> tasks, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        tasks.forEach(t -> rows.add(row(t, now)));
        if (!rows.isEmpty()) {
            db.batch(INSERT_TASK, rows);
        }
    }

    private static Object[] row(NewTask t, Instant now) {
        return new Object[] {t.id(), t.projectId(), t.planId(), t.seq(), t.title(), t.description(), t.taskType(), t.complexity(),
            t.priority(), toolsJson(t.tools()), t.provider(), t.model(), t.maxTokens(), t.estimatedTokens(), t.status(),
            t.waitReason(), now, now};
    }

    /** Inserts the graph's edges in one batch. */
    public void insertDependencies(List<Dependency> edges) {
        List<Object[]> rows = new ArrayList<>();
        edges.forEach(e -> rows.add(new Object[] {e.taskId(), e.dependsOn()}));
        if (!rows.isEmpty()) {
            db.batch("INSERT INTO task_deps (task_id, depends_on) VALUES (?, ?)", rows);
        }
    }

    /**
     * Deletes the project's tasks (and, by cascade, their edges) when none of them has started:
     * every one is BLOCKED or PENDING with no attempt. Otherwise deletes nothing.
     *
     * @return how many tasks had started (0 when the tasks were deleted)
     */
    public long deleteUnstartedTasks(String projectId) {
        long started = db.queryLong("SELECT COUNT(*) FROM tasks WHERE project_id = ? AND (attempts > 0 OR status NOT IN ('BLOCKED', 'PENDING'))",
                projectId);
        if (started == 0) {
            db.update("DELETE FROM tasks WHERE project_id = ?", projectId);
        }
        return started;
    }

    /**
     * Writes a user's edit; {@code edit} has every field set (the caller merged the patch into the
     * task and checked it).
     */
    public void edit(String taskId, TaskPatch edit, Instant now) {
        db.update("UPDATE tasks SET title = ?, description = ?, priority = ?, max_tokens = ?, model = ?, updated_at = ? WHERE id = ?",
                edit.title(), edit.description(), edit.priority(), edit.maxTokens(), edit.model(), now, taskId);
    }

    private static String toolsJson(List<String> tools) {
        try {
            return Json.mapper().writeValueAsString(tools);
        } catch (JsonProcessingException e) {
            throw new StorageException("Could not serialise the task's tools.", e);
        }
    }
}
