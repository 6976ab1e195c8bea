package org.orchestration.core.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.projects.OwnedRows;
import org.orchestration.core.projects.ProjectService;

/**
 * Task reads and edits for the UI and the API, all checked against the owning project with the
 * owner-or-admin rule. Running the tasks is the executor's job, not this class's.
 */
public final class TaskService {

    /** A task that is running or done no longer takes edits. */
    private static final Set<TaskStatus> EDITABLE =
            EnumSet.of(TaskStatus.BLOCKED, TaskStatus.PENDING, TaskStatus.FAILED, TaskStatus.CANCELLED);

    private static final String COLUMNS = "t.id, t.project_id, t.plan_id, t.seq, t.title, t.description, t.task_type, "
            + "t.complexity, t.priority, t.tools, t.provider, t.model, t.max_tokens, t.estimated_tokens, t.status, "
            + "t.wait_reason, t.retry_after, t.attempts, t.output, t.error, t.input_tokens, t.output_tokens, "
            + "t.cost_micros, t.started_at, t.completed_at, t.created_at, t.updated_at";

    private final Database db;
    private final TaskWrites writes;
    private final ProjectService projects;
    private final ModelCatalog models;
    private final Clock clock;

    /** @param models which model a task may be switched to (per its provider) */
    public TaskService(Database db, ProjectService projects, ModelCatalog models, Clock clock) {
        this.db = db;
        this.writes = new TaskWrites(db);
        this.projects = projects;
        this.models = models;
        this.clock = clock;
    }

    /**
     * The project's tasks in plan order.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller may not see it
     */
    public List<TaskView> list(User actor, String projectId) {
        projects.get(actor, projectId);
        return db.query("SELECT " + COLUMNS + " FROM tasks t WHERE t.project_id = ? ORDER BY t.seq, t.created_at",
                TaskService::map, projectId);
    }

    /**
     * Each task of the project with the ids of the tasks it depends on (sorted), in one query;
     * tasks without dependencies are absent.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller may not see it
     */
    public Map<String, List<String>> dependencies(User actor, String projectId) {
        projects.get(actor, projectId);
        return db.query("SELECT d.task_id, d.depends_on FROM task_deps d JOIN tasks t ON t.id = d.task_id "
                        + "WHERE t.project_id = ? ORDER BY d.task_id, d.depends_on",
                        rs -> Map.entry(rs.getString(1), rs.getString(2)), projectId).stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * One task with its dependencies and tool calls.
     *
     * @throws org.orchestration.core.errors.NotFoundException when the task does not exist
     */
    public TaskDetail get(User actor, String taskId) {
        TaskView task = load(actor, taskId);
        List<String> deps = db.query("SELECT depends_on FROM task_deps WHERE task_id = ? ORDER BY depends_on",
                rs -> rs.getString(1), taskId);
        List<TaskDetail.ToolCall> calls = db.query(
                "SELECT id, attempt, round, tool_name, input, result, is_error, created_at FROM tool_calls "
                        + "WHERE task_id = ? ORDER BY id",
                rs -> new TaskDetail.ToolCall(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7) == 1, Instant.ofEpochMilli(rs.getLong(8))), taskId);
        return new TaskDetail(task, deps, calls);
    }

    /**
     * Edits title (1-500), description (at most 10,000), priority (0-100), max_tokens (1-32768) or
     * model, only while the task is not RUNNING or COMPLETED. The model must be one the task's
     * provider accepts ({@link ModelCatalog#requireUsable}: priced, or routed/free for Ollama);
     * the provider itself does not change.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when the task does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller neither owns its project nor is an admin
     * @throws org.orchestration.core.errors.ValidationException naming the field
     * @throws ConflictException naming the task's current state
     */
    public TaskView update(User actor, String taskId, TaskPatch patch) {
        String title = patch.title() == null ? null : Bounds.taskTitle(patch.title());
        String description = patch.description() == null ? null : Bounds.taskDescription(patch.description());
        Integer priority = patch.priority() == null ? null : Bounds.priority(patch.priority());
        Integer maxTokens = patch.maxTokens() == null ? null : Bounds.maxTokens(patch.maxTokens());
        return db.inTransaction(() -> {
            TaskView t = load(actor, taskId);
            if (!EDITABLE.contains(t.status())) {
                throw new ConflictException("Cannot edit a task while it is " + t.status() + ".");
            }
            String model = patch.model() == null ? t.model() : models.requireUsable(t.provider(), patch.model());
            writes.edit(taskId, new TaskPatch(title != null ? title : t.title(), description != null ? description : t.description(),
                    priority != null ? priority : t.priority(), maxTokens != null ? maxTokens : t.maxTokens(), model), clock.instant());
            return load(actor, taskId);
        });
    }

    private TaskView load(User actor, String taskId) {
        return OwnedRows.load(db, actor, "SELECT " + COLUMNS + ", p.owner_id FROM tasks t JOIN projects p ON p.id = t.project_id "
                + "WHERE t.id = ?", TaskService::map, taskId, "task");
    }

    private static TaskView map(ResultSet rs) throws SQLException {
        return new TaskView(rs.getString("id"), rs.getString("project_id"), rs.getString("plan_id"), rs.getInt("seq"),
                rs.getString("title"), rs.getString("description"), rs.getString("task_type"), rs.getString("complexity"),
                rs.getInt("priority"), tools(rs.getString("tools")), rs.getString("provider"), rs.getString("model"),
                rs.getInt("max_tokens"), nullableLong(rs, "estimated_tokens"), TaskStatus.valueOf(rs.getString("status")),
                rs.getString("wait_reason"), instant(rs, "retry_after"), rs.getInt("attempts"), rs.getString("output"),
                rs.getString("error"), rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("cost_micros"),
                instant(rs, "started_at"), instant(rs, "completed_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static List<String> tools(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Long v = nullableLong(rs, column);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
