package org.orchestration.core.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.events.TaskToolCall;
import org.orchestration.core.events.TaskWaiting;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of execution: task and project state transitions, each with its event in the same
 * transaction. Every transition of a running attempt names the state and the attempt it expects
 * ({@code WHERE status = 'RUNNING' AND attempts = ?}), so a late worker can never overwrite a
 * cancel or a newer attempt.
 *
 * <p>With {@link TaskWrites} (the task graph an approval creates, re-approval's replacement, user
 * edits) it is the only writer of {@code tasks} and {@code task_deps}; {@code TaskWritersTest}
 * keeps it so. A deleted project takes its tasks and their edges with it by
 * {@code ON DELETE CASCADE}.
 */
public final class TaskStore {

    private static final Logger log = LoggerFactory.getLogger(TaskStore.class);

    private final Database db;
    private final EventPublisher events;
    private final Clock clock;

    public TaskStore(Database db, EventPublisher events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    public record ProjectRow(String id, String ownerId, String name, ProjectStatus status) {
    }

    public record TaskRow(String id, String projectId, String title, TaskStatus status, int manualRetries) {
    }

    /** One provider call's tokens and cost, added to the task's totals. */
    public record RoundCost(int round, TokenUsage tokens, long costMicros) {
    }

    /** What became of the project after a task transition. */
    public record Transition(boolean applied, List<ReadyTask> nowReady, ProjectStatus projectStatus) {
        public static final Transition NONE = new Transition(false, List.of(), null);
    }

    public Optional<ProjectRow> project(String projectId) {
        return db.queryOne("SELECT id, owner_id, name, status FROM projects WHERE id = ?",
                rs -> new ProjectRow(rs.getString(1), rs.getString(2), rs.getString(3), ProjectStatus.valueOf(rs.getString(4))), projectId);
    }

    public Optional<TaskRow> task(String taskId) {
        return db.queryOne("SELECT id, project_id, title, status, manual_retries FROM tasks WHERE id = ?",
                rs -> new TaskRow(rs.getString(1), rs.getString(2), rs.getString(3), TaskStatus.valueOf(rs.getString(4)),
                        rs.getInt(5)), taskId);
    }

    /** PENDING tasks of a project with their retry_after (0 = none). */
    public List<Map.Entry<ReadyTask, Long>> pendingTasks(String projectId) {
        return db.query("SELECT id, priority, seq, COALESCE(retry_after, 0) FROM tasks WHERE project_id = ? AND status = 'PENDING'",
                rs -> Map.entry(new ReadyTask(projectId, rs.getString(1), rs.getInt(2), rs.getInt(3)), rs.getLong(4)), projectId);
    }

    public List<String> projectsIn(ProjectStatus status) {
        return db.query("SELECT id FROM projects WHERE status = ?", rs -> rs.getString(1), status);
    }

    /** Loads a PENDING task for its next attempt; empty when it is no longer PENDING. */
    public Optional<TaskWork> loadWork(String taskId) {
        Optional<TaskWork> base = db.queryOne("SELECT t.id, t.project_id, t.title, t.description, t.provider, t.model, t.max_tokens, "
                        + "t.tools, t.attempts, p.requirements, pl.body, u.id, u.email, u.display_name, u.role, u.active "
                        + "FROM tasks t JOIN projects p ON p.id = t.project_id JOIN plans pl ON pl.id = t.plan_id "
                        + "JOIN users u ON u.id = p.owner_id WHERE t.id = ? AND t.status = 'PENDING'",
                rs -> new TaskWork(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), parseTools(rs.getString(8)), rs.getInt(9) + 1,
                        new User(rs.getString(12), rs.getString(13), rs.getString(14), Role.fromDb(rs.getString(15)), rs.getInt(16) == 1),
                        rs.getString(10), rs.getString(11), List.of()),
                taskId);
        return base.map(w -> {
            List<TaskWork.DependencyOutput> deps = db.query("SELECT t.title, t.output FROM task_deps d JOIN tasks t ON t.id = d.depends_on "
                    + "WHERE d.task_id = ? ORDER BY t.seq", rs -> new TaskWork.DependencyOutput(rs.getString(1), rs.getString(2)), taskId);
            return new TaskWork(w.taskId(), w.projectId(), w.title(), w.description(), w.provider(), w.model(), w.maxTokens(),
                    w.tools(), w.attempt(), w.owner(), w.requirements(), w.planBody(), deps);
        });
    }

    private static List<String> parseTools(String json) {
        try {
            return json == null ? List.of() : Json.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ task transitions

    /** PENDING -> RUNNING for attempt {@code attempt}; false when someone else changed the task. */
    public boolean markRunning(TaskWork w) {
        return db.inGroupTransaction(() -> markRunningNow(w));
    }

    /**
     * {@link #markRunning} queued for the next group commit, without waiting for it: the caller
     * may start the provider call meanwhile and must learn the outcome before it writes anything
     * else about the task (transitions of one task are committed in submission order only when
     * they all go through the group queue).
     */
    public CompletableFuture<Boolean> markRunningAsync(TaskWork w) {
        return submit(() -> markRunningNow(w));
    }

    /**
     * An attempt whose RUNNING mark found the task changed (cancelled meanwhile) has still made a
     * paid call: the attempt is counted, so its usage row belongs to an attempt the task records.
     */
    public void countUnmarkedAttempt(TaskWork w) {
        db.update("UPDATE tasks SET attempts = ?, updated_at = ? WHERE id = ? AND attempts = ?", w.attempt(), clock.millis(), w.taskId(),
                w.attempt() - 1);
    }

    private boolean markRunningNow(TaskWork w) {
        long now = clock.millis();
        int n = db.update("UPDATE tasks SET status = 'RUNNING', attempts = ?, started_at = ?, wait_reason = NULL, "
                + "retry_after = NULL, error = NULL, note = NULL, updated_at = ? WHERE id = ? AND status = 'PENDING' AND attempts = ?",
                w.attempt(), now, now, w.taskId(), w.attempt() - 1);
        if (n == 1) {
            taskEvent(w.projectId(), w.taskId(), w.title(), TaskStatus.RUNNING, TaskStatus.PENDING, w.attempt(), null);
        }
        return n == 1;
    }

    /**
     * Runs {@code work} in one database transaction (joining the caller's, if any), committed
     * together with other workers' task transitions that arrive meanwhile (group commit).
     */
    public <T> T inTransaction(Supplier<T> work) {
        return db.inGroupTransaction(work::get);
    }

    /**
     * {@link #inTransaction} without waiting for the commit: always committed by the database's
     * committer thread (see {@link Database#submitGroupTransaction(org.orchestration.core.db.TransactionWork, boolean)}).
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        return db.submitGroupTransaction(work::get, false);
    }

    /** Adds one provider call's tokens and cost to the task's totals, with its task.tokens event. */
    public void addUsage(TaskWork w, int round, TokenUsage u, long costMicros) {
        db.inTransaction(() -> {
            List<Long> total = db.writeQuery("UPDATE tasks SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, "
                            + "cache_read_tokens = cache_read_tokens + ?, cache_write_tokens = cache_write_tokens + ?, "
                            + "cost_micros = cost_micros + ?, model = ?, updated_at = ? WHERE id = ? RETURNING cost_micros",
                    rs -> rs.getLong(1), u.inputTokens(), u.outputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), costMicros,
                    w.model(), clock.millis(), w.taskId());
            tokensEvent(w, round, u, costMicros, total.isEmpty() ? 0 : total.get(0));
        });
    }

    private void tokensEvent(TaskWork w, int round, TokenUsage u, long costMicros, long total) {
        events.publish(new TaskProgress(w.projectId(), w.taskId(), w.attempt(), round, u.inputTokens(), u.outputTokens(),
                costMicros, total));
    }

    public void addToolCall(TaskWork w, int round, String tool, String input, String result, boolean isError) {
        db.inTransaction(() -> {
            db.update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", w.taskId(), w.attempt(), round, tool, input, result, isError, clock.millis());
            events.publish(new TaskToolCall(w.projectId(), w.taskId(), round, tool, isError));
        });
    }

    /** RUNNING -> COMPLETED; dependents whose dependencies are now all COMPLETED become PENDING. */
    public Transition complete(TaskWork w, String output, String note) {
        return complete(w, output, note, null);
    }

    /**
     * RUNNING -> COMPLETED, adding the last round's tokens and cost (when {@code last} is not null)
     * in the same statement; dependents whose dependencies are now all COMPLETED become PENDING.
     * Events: task.tokens (for {@code last}), task.status COMPLETED, task.status PENDING per
     * promoted dependent. When the task is no longer this RUNNING attempt, only the totals are
     * added. The caller records the usage row in the same transaction.
     */
    public Transition complete(TaskWork w, String output, String note, RoundCost last) {
        return db.inTransaction(() -> {
            long now = clock.millis();
            TokenUsage u = last == null ? TokenUsage.ZERO : last.tokens();
            long cost = last == null ? 0 : last.costMicros();
            List<Long> total = db.writeQuery("UPDATE tasks SET status = 'COMPLETED', output = ?, note = ?, error = NULL, completed_at = ?, "
                            + "updated_at = ?, input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, "
                            + "cache_read_tokens = cache_read_tokens + ?, cache_write_tokens = cache_write_tokens + ?, "
                            + "cost_micros = cost_micros + ?, model = COALESCE(?, model) "
                            + "WHERE id = ? AND status = 'RUNNING' AND attempts = ? RETURNING cost_micros",
                    rs -> rs.getLong(1), output, note, now, now, u.inputTokens(), u.outputTokens(), u.cacheReadTokens(),
                    u.cacheWriteTokens(), cost, last == null ? null : w.model(), w.taskId(), w.attempt());
            if (total.isEmpty()) {
                if (last != null) {
                    addUsage(w, last.round(), last.tokens(), last.costMicros()); // cancelled meanwhile: the call still counts
                }
                return Transition.NONE;
            }
            if (last != null) {
                tokensEvent(w, last.round(), u, cost, total.get(0));
            }
            events.publish(new TaskStatusChanged(w.projectId(), w.taskId(), w.title(), TaskStatus.COMPLETED, TaskStatus.RUNNING,
                    w.attempt(), null, note, null, null, null));
            List<ReadyTask> ready = promoteDependents(w.projectId(), w.taskId(), now);
            return new Transition(true, ready, settleProject(w.projectId()));
        });
    }

    /** One statement promotes every BLOCKED dependent whose dependencies are all COMPLETED now. */
    private List<ReadyTask> promoteDependents(String projectId, String taskId, long now) {
        List<ReadyTask> ready = new ArrayList<>(db.writeQuery("UPDATE tasks SET status = 'PENDING', updated_at = ? "
                        + "WHERE status = 'BLOCKED' AND id IN (SELECT d.task_id FROM task_deps d WHERE d.depends_on = ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM task_deps d2 JOIN tasks u ON u.id = d2.depends_on "
                        + "WHERE d2.task_id = tasks.id AND u.status <> 'COMPLETED') RETURNING id, priority, seq",
                rs -> new ReadyTask(projectId, rs.getString(1), rs.getInt(2), rs.getInt(3)), now, taskId));
        ready.sort(Comparator.comparingInt(ReadyTask::seq));
        for (ReadyTask r : ready) {
            events.publish(TaskStatusChanged.of(projectId, r.taskId(), null, TaskStatus.PENDING, TaskStatus.BLOCKED));
        }
        return ready;
    }

    /** RUNNING -> FAILED with {@code error}; dependents stay BLOCKED. */
    public Transition fail(TaskWork w, String error) {
        return db.inTransaction(() -> {
            long now = clock.millis();
            int n = db.update("UPDATE tasks SET status = 'FAILED', error = ?, completed_at = ?, updated_at = ? "
                    + "WHERE id = ? AND status = 'RUNNING' AND attempts = ?", error, now, now, w.taskId(), w.attempt());
            if (n == 0) {
                return Transition.NONE;
            }
            taskEvent(w.projectId(), w.taskId(), w.title(), TaskStatus.FAILED, TaskStatus.RUNNING, w.attempt(), error);
            return new Transition(true, List.of(), settleProject(w.projectId()));
        });
    }

    /**
     * Marks a task FAILED after an unexpected error of the engine itself (the attempt could not be
     * run or recorded), whatever attempt is current, and settles the project. Never throws: a task
     * that cannot even be marked is logged and left for start-up recovery.
     */
    public void failInternal(String projectId, String taskId, Throwable e) {
        String error = "Internal error: " + e;
        try {
            db.inTransaction(() -> {
                long now = clock.millis();
                int n = db.update("UPDATE tasks SET status = 'FAILED', error = ?, completed_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status IN ('RUNNING', 'PENDING')", error, now, now, taskId);
                if (n == 1) {
                    events.publish(new TaskStatusChanged(projectId, taskId, null, TaskStatus.FAILED, null, null, error, null,
                            null, null, null));
                    settleProject(projectId);
                }
            });
        } catch (RuntimeException again) {
            log.error("Could not mark task {} failed", taskId, again);
        }
    }

    /**
     * A transient failure: PENDING with retry_after, or FAILED once the automatic retries are used up.
     *
     * @return the retry_after instant in millis, or -1 when the task failed for good
     */
    public long retryLater(TaskWork w, String error, int maxAutoRetries, IntFunction<Long> delayForRetry) {
        return db.inTransaction(() -> {
            List<Integer> row = db.query("SELECT auto_retries FROM tasks WHERE id = ? AND status = 'RUNNING' AND attempts = ?",
                    rs -> rs.getInt(1), w.taskId(), w.attempt());
            if (row.isEmpty()) {
                return -2L;
            }
            int done = row.get(0);
            if (done >= maxAutoRetries) {
                fail(w, "Gave up after " + done + " automatic retries: " + error);
                return -1L;
            }
            long now = clock.millis();
            long at = now + delayForRetry.apply(done + 1);
            int n = db.update("UPDATE tasks SET status = 'PENDING', auto_retries = auto_retries + 1, retry_after = ?, error = ?, "
                    + "updated_at = ? WHERE id = ? AND status = 'RUNNING' AND attempts = ?", at, error, now, w.taskId(), w.attempt());
            if (n == 0) {
                return -2L;
            }
            events.publish(new TaskStatusChanged(w.projectId(), w.taskId(), w.title(), TaskStatus.PENDING, TaskStatus.RUNNING,
                    w.attempt(), error, null, at, done + 1, null));
            return at;
        });
    }

    /** RUNNING -> PENDING without counting a retry (shutdown). */
    public void requeue(TaskWork w, String why) {
        db.inTransaction(() -> {
            int n = db.update("UPDATE tasks SET status = 'PENDING', updated_at = ? WHERE id = ? AND status = 'RUNNING' AND attempts = ?",
                    clock.millis(), w.taskId(), w.attempt());
            if (n == 1) {
                events.publish(new TaskStatusChanged(w.projectId(), w.taskId(), w.title(), TaskStatus.PENDING, TaskStatus.RUNNING,
                        w.attempt(), null, why, null, null, null));
            }
        });
    }

    /** The task's provider is down: it stays PENDING with wait reason "provider" (event once per wait). */
    public boolean waitForProvider(TaskWork w, String message) {
        return db.inTransaction(() -> {
            int n = db.update("UPDATE tasks SET wait_reason = 'provider', updated_at = ? WHERE id = ? AND status = 'PENDING' "
                    + "AND wait_reason IS NOT 'provider'", clock.millis(), w.taskId());
            if (n == 1) {
                events.publish(new TaskWaiting(w.projectId(), w.taskId(), w.title(), "provider", message));
            }
            return n == 1;
        });
    }

    /** The task could not reserve budget: it stays PENDING with wait_reason 'budget'. Returns true the first time. */
    public boolean waitForBudget(TaskWork w, String message) {
        return db.inTransaction(() -> {
            int n = db.update("UPDATE tasks SET wait_reason = 'budget', updated_at = ? WHERE id = ? AND status = 'PENDING' "
                    + "AND wait_reason IS NOT 'budget'", clock.millis(), w.taskId());
            if (n == 1) {
                events.publish(new TaskWaiting(w.projectId(), w.taskId(), w.title(), "budget", message));
            }
            return n == 1;
        });
    }

    // ------------------------------------------------------------------ projects

    /**
     * Moves a RUNNING or PAUSED project to its end state once nothing can run any more:
     * COMPLETED when every task completed, FAILED (naming the failed task) when one failed,
     * CANCELLED otherwise. Must run inside the transaction that changed a task.
     */
    public ProjectStatus settleProject(String projectId) {
        // the common case (work left) answered by one index probe
        if (db.queryLong("SELECT EXISTS (SELECT 1 FROM tasks WHERE project_id = ? AND status IN ('PENDING', 'RUNNING'))", projectId) == 1) {
            return null;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        db.query("SELECT status, count(*) FROM tasks WHERE project_id = ? GROUP BY status",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), projectId);
        if (counts.getOrDefault("PENDING", 0L) + counts.getOrDefault("RUNNING", 0L) > 0) {
            return null;
        }
        long blocked = counts.getOrDefault("BLOCKED", 0L);
        long failed = counts.getOrDefault("FAILED", 0L);
        long cancelled = counts.getOrDefault("CANCELLED", 0L);
        ProjectStatus target;
        String reason = null;
        if (blocked == 0 && failed == 0 && cancelled == 0) {
            target = ProjectStatus.COMPLETED;
        } else if (failed > 0) {
            target = ProjectStatus.FAILED;
            reason = db.queryOne("SELECT title, error FROM tasks WHERE project_id = ? AND status = 'FAILED' ORDER BY completed_at, seq LIMIT 1",
                    rs -> "Task '" + rs.getString(1) + "' failed: " + rs.getString(2), projectId).orElse("A task failed.");
            if (blocked > 0) {
                reason += " (" + blocked + " task" + (blocked == 1 ? "" : "s") + " depending on it cannot run)";
            }
        } else {
            target = ProjectStatus.CANCELLED;
        }
        return setProjectStatus(projectId, target, reason, ProjectStatus.RUNNING, ProjectStatus.PAUSED) ? target : null;
    }

    /** Changes the project's status when it is one of {@code from}; publishes project.status. */
    public boolean setProjectStatus(String projectId, ProjectStatus to, String reason, ProjectStatus... from) {
        return db.inTransaction(() -> {
            ProjectRow row = project(projectId).orElse(null);
            if (row == null || !List.of(from).contains(row.status())) {
                return false;
            }
            db.update("UPDATE projects SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?", to, reason, clock.millis(), projectId);
            // the name lets notifications say which project finished
            events.publish(new ProjectStatusChanged(projectId, to, row.status(), reason, row.name(), null, null));
            return true;
        });
    }

    /** Cancels every non-terminal task of the project; returns how many. */
    public int cancelTasks(String projectId) {
        return db.inTransaction(() -> {
            long now = clock.millis();
            List<String[]> open = db.query("SELECT id, title, status FROM tasks WHERE project_id = ? AND status IN ('BLOCKED', 'PENDING', 'RUNNING')",
                    rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, projectId);
            db.update("UPDATE tasks SET status = 'CANCELLED', wait_reason = NULL, retry_after = NULL, completed_at = ?, updated_at = ? "
                    + "WHERE project_id = ? AND status IN ('BLOCKED', 'PENDING', 'RUNNING')", now, now, projectId);
            for (String[] t : open) {
                events.publish(TaskStatusChanged.of(projectId, t[0], t[1], TaskStatus.CANCELLED, TaskStatus.valueOf(t[2])));
            }
            return open.size();
        });
    }

    /**
     * Puts a FAILED or CANCELLED task back in line: PENDING when its dependencies are all
     * COMPLETED, else BLOCKED; CANCELLED tasks downstream of it become BLOCKED again.
     *
     * @return the new status, or null when the task changed meanwhile or reached the cap
     */
    public TaskStatus reopen(TaskRow t, int maxManualRetries) {
        return db.inTransaction(() -> {
            long now = clock.millis();
            long open = db.queryLong("SELECT count(*) FROM task_deps d JOIN tasks u ON u.id = d.depends_on "
                    + "WHERE d.task_id = ? AND u.status <> 'COMPLETED'", t.id());
            TaskStatus to = open == 0 ? TaskStatus.PENDING : TaskStatus.BLOCKED;
            // re-checked here, under the write lock, so two quick clicks cannot pass the cap or reopen twice
            int n = db.update("UPDATE tasks SET status = ?, manual_retries = manual_retries + 1, auto_retries = 0, error = NULL, "
                    + "note = NULL, wait_reason = NULL, retry_after = NULL, completed_at = NULL, updated_at = ? "
                    + "WHERE id = ? AND status IN ('FAILED', 'CANCELLED') AND manual_retries < ?", to, now, t.id(), maxManualRetries);
            if (n == 0) {
                return null;
            }
            events.publish(new TaskStatusChanged(t.projectId(), t.id(), t.title(), to, t.status(), null, null, null, null, null,
                    t.manualRetries() + 1));
            List<String> downstream = db.query("WITH RECURSIVE down(id) AS (SELECT task_id FROM task_deps WHERE depends_on = ? "
                    + "UNION SELECT d.task_id FROM task_deps d JOIN down ON d.depends_on = down.id) "
                    + "SELECT t.id FROM tasks t JOIN down ON down.id = t.id WHERE t.status = 'CANCELLED'", rs -> rs.getString(1), t.id());
            for (String id : downstream) {
                db.update("UPDATE tasks SET status = 'BLOCKED', completed_at = NULL, updated_at = ? WHERE id = ?", now, id);
                events.publish(TaskStatusChanged.of(t.projectId(), id, null, TaskStatus.BLOCKED, TaskStatus.CANCELLED));
            }
            return to;
        });
    }

    /** Start-up: RUNNING tasks (their process died) go back to PENDING; stranded BLOCKED tasks are promoted. */
    public int recoverTasks() {
        return db.inTransaction(() -> {
            long now = clock.millis();
            int n = db.update("UPDATE tasks SET status = 'PENDING', updated_at = ? WHERE status = 'RUNNING'", now);
            db.update("UPDATE tasks SET status = 'PENDING', updated_at = ? WHERE status = 'BLOCKED' AND NOT EXISTS "
                    + "(SELECT 1 FROM task_deps d JOIN tasks u ON u.id = d.depends_on WHERE d.task_id = tasks.id AND u.status <> 'COMPLETED')",
                    now);
            return n;
        });
    }

    public void log(String projectId, String level, String message, String taskId) {
        events.publish(new LogMessage(projectId, level, message, taskId));
    }

    private void taskEvent(String projectId, String taskId, String title, TaskStatus to, TaskStatus from, int attempt, String error) {
        events.publish(new TaskStatusChanged(projectId, taskId, title, to, from, attempt, error, null, null, null, null));
    }

    static List<String> ids(List<ReadyTask> ready) {
        List<String> out = new ArrayList<>();
        ready.forEach(r -> out.add(r.taskId()));
        return out;
    }
}
