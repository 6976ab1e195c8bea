package org.orchestration.core.projects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.files.Folders;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects: create, list, read, update, delete, workspace folder. Every method takes the acting
 * user and applies the owner-or-admin rule; a project the caller may not see is reported as
 * missing only when it truly does not exist (otherwise 403), as {@link AccessPolicy} decides.
 */
public final class ProjectService {

    private static final Logger log = LoggerFactory.getLogger(ProjectService.class);

    /** States in which the requirements may still change (no task has started). */
    private static final Set<ProjectStatus> REQUIREMENTS_EDITABLE =
            EnumSet.of(ProjectStatus.DRAFT, ProjectStatus.PLANNED, ProjectStatus.READY);
    /** A running project or one being planned has work in flight that a delete would orphan. */
    private static final Set<ProjectStatus> DELETABLE = EnumSet.complementOf(EnumSet.of(ProjectStatus.RUNNING, ProjectStatus.PLANNING));

    /**
     * Runtime setting: the budget, in micro-dollars, a new project gets when its creator names
     * none (absent or 0: none). Applied here, so the window and the API create alike.
     */
    public static final String DEFAULT_BUDGET_KEY = "budget.project_default_micros";

    private final Database db;
    private final SettingsStore settings;
    private final ProjectTable table;
    private final AppConfig.Planning planning;
    private final Path workspacesDir;
    private final Clock clock;

    public ProjectService(Database db, SettingsStore settings, AppConfig.Planning planning, Path workspacesDir, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.table = new ProjectTable(db, clock);
        this.planning = planning;
        this.workspacesDir = workspacesDir.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** The table access shared with the planning services. */
    public ProjectTable table() {
        return table;
    }

    /** The longest requirements text a project may have ({@code planning.max_requirements_chars}). */
    public int maxRequirementsChars() {
        return planning.maxRequirementsChars();
    }

    /** The budget a new project gets when none is named, in micro-dollars (0: none). */
    public long defaultBudgetMicros() {
        return settings.get(DEFAULT_BUDGET_KEY, Long.class, 0L);
    }

    /**
     * Creates a DRAFT project owned by {@code actor}, with the default project budget if one is set.
     *
     * @throws ValidationException "name" (1-200 characters, no control characters) or
     *                             "requirements" (at most planning.max_requirements_chars)
     */
    public Project create(User actor, String name, String requirements) {
        return create(actor, name, requirements, null);
    }

    /**
     * Creates a DRAFT project owned by {@code actor} with its own budget limit (null: the default
     * project budget, if one is set), in one insert, so a bad limit never leaves a project behind.
     *
     * @throws ValidationException "name", "requirements" as {@link #create(User, String, String)};
     *                             "budget_limit_micros" when the limit is negative
     */
    public Project create(User actor, String name, String requirements, Long budgetLimitMicros) {
        return create(actor, new NewProject(name, requirements, budgetLimitMicros));
    }

    /**
     * Creates a DRAFT project as {@link #create(User, String, String, Long)}; absent requirements are "".
     *
     * @throws ValidationException "name", "requirements", "budget_limit_micros" as there
     */
    public Project create(User actor, NewProject request) {
        AccessPolicy.requireUser(actor);
        String name = request.name();
        String requirements = request.requirements() == null ? "" : request.requirements();
        Long budgetLimitMicros = request.budgetLimitMicros();
        String cleanName = Bounds.name("name", name, Bounds.PROJECT_NAME_MAX);
        String cleanReq = Bounds.text("requirements", requirements, planning.maxRequirementsChars());
        if (budgetLimitMicros != null && budgetLimitMicros < 0) {
            throw new ValidationException("budget_limit_micros", "budget_limit_micros must not be negative.");
        }
        Long limit = budgetLimitMicros;
        if (limit == null) {
            long byDefault = defaultBudgetMicros();
            limit = byDefault > 0 ? byDefault : null;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored
        Project p = new Project(UUID.randomUUID().toString(), actor.id(), cleanName, cleanReq, ProjectStatus.DRAFT,
                limit, null, null, null, now, now, List.of());
        table.insert(p);
        return p;
    }

    /**
     * The caller's projects (every project for an admin), newest activity first, each with its
     * task counts by status, spend and last activity. One SQL statement whatever the count.
     */
    public List<ProjectSummary> list(User actor) {
        return list(actor, null);
    }

    /**
     * As {@link #list(User)}, only the projects tagged {@code tag} (ignoring case) when it is not
     * null or blank.
     */
    public List<ProjectSummary> list(User actor, String tag) {
        boolean all = AccessPolicy.seesAll(actor);
        String text = Bounds.tagText(tag);
        String wanted = text.isEmpty() ? null : text;
        return db.query(LIST_SQL, ProjectService::mapSummary, all, actor.id(), wanted, wanted);
    }

    private static final String LIST_SQL = """
            SELECT p.id, p.owner_id, p.name, p.status, p.budget_limit_micros, p.created_at, p.tags,
                   COALESCE(t.blocked, 0) AS blocked, COALESCE(t.pending, 0) AS pending,
                   COALESCE(t.running, 0) AS running, COALESCE(t.completed, 0) AS completed,
                   COALESCE(t.failed, 0) AS failed, COALESCE(t.cancelled, 0) AS cancelled,
                   COALESCE(u.spent, 0) AS spent,
                   MAX(p.updated_at, COALESCE(t.last_at, 0), COALESCE(u.last_at, 0)) AS last_activity
              FROM projects p
              LEFT JOIN (SELECT project_id,
                                SUM(status = 'BLOCKED') AS blocked, SUM(status = 'PENDING') AS pending,
                                SUM(status = 'RUNNING') AS running, SUM(status = 'COMPLETED') AS completed,
                                SUM(status = 'FAILED') AS failed, SUM(status = 'CANCELLED') AS cancelled,
                                MAX(updated_at) AS last_at
                           FROM tasks GROUP BY project_id) t ON t.project_id = p.id
              LEFT JOIN (SELECT project_id, SUM(cost_micros) AS spent, MAX(created_at) AS last_at
                           FROM usage_log WHERE project_id IS NOT NULL GROUP BY project_id) u ON u.project_id = p.id
             WHERE (? OR p.owner_id = ?)
               AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(p.tags) WHERE lower(json_each.value) = lower(?)))
             ORDER BY last_activity DESC, p.created_at DESC
            """;

    private static ProjectSummary mapSummary(ResultSet rs) throws SQLException {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus s : TaskStatus.values()) {
            counts.put(s, rs.getInt(s.name().toLowerCase()));
        }
        long budget = rs.getLong("budget_limit_micros");
        Long budgetLimit = rs.wasNull() ? null : budget;
        return new ProjectSummary(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
                ProjectStatus.valueOf(rs.getString("status")), budgetLimit, counts, rs.getLong("spent"),
                Instant.ofEpochMilli(rs.getLong("last_activity")), Instant.ofEpochMilli(rs.getLong("created_at")),
                ProjectTable.tags(rs.getString("tags")));
    }

    /**
     * One project, requirements and last planning error included.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when it does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither owner nor admin
     */
    public Project get(User actor, String id) {
        AccessPolicy.requireUser(actor);
        Project p = table.require(id);
        AccessPolicy.requireOwnerOrAdmin(actor, p.ownerId(), "project");
        return p;
    }

    /**
     * One project as the project screen shows it: with its all-time spend (the sum of its usage
     * rows, as {@link #list} counts it) and the requirements limit in force.
     *
     * @throws org.orchestration.core.errors.NotFoundException  when it does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither owner nor admin
     */
    public ProjectDetail detail(User actor, String id) {
        Project p = get(actor, id);
        return new ProjectDetail(p.id(), p.name(), p.status(), p.requirements() == null ? "" : p.requirements(),
                table.spentMicros(p.id()), p.budgetLimitMicros() == null ? 0 : p.budgetLimitMicros(), maxRequirementsChars(),
                p.tags());
    }

    /**
     * What the project has spent, all time, in micro-dollars (the sum of its usage rows).
     *
     * @throws org.orchestration.core.errors.NotFoundException  when it does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the caller is neither owner nor admin
     */
    public long spentMicros(User actor, String id) {
        return table.spentMicros(get(actor, id).id());
    }

    /**
     * Applies {@code patch}. Name, budget and tags may change in any state; requirements only while
     * DRAFT, PLANNED or READY (409 naming the state otherwise).
     *
     * @throws ValidationException naming "name", "requirements", "budget_limit_micros" or "tags"
     */
    public Project update(User actor, String id, ProjectPatch patch) {
        String name = patch.name() == null ? null : Bounds.name("name", patch.name(), Bounds.PROJECT_NAME_MAX);
        List<String> tags = patch.tags() == null ? null : Bounds.tags(patch.tags());
        String requirements = patch.requirements() == null ? null
                : Bounds.text("requirements", patch.requirements(), planning.maxRequirementsChars());
        if (!patch.clearBudgetLimit() && patch.budgetLimitMicros() != null && patch.budgetLimitMicros() < 0) {
            throw new ValidationException("budget_limit_micros", "budget_limit_micros must not be negative.");
        }
        return db.inTransaction(() -> {
            Project p = get(actor, id);
            if (requirements != null && !REQUIREMENTS_EDITABLE.contains(p.status())) {
                throw ProjectTable.conflict(p.status(), "change the requirements", REQUIREMENTS_EDITABLE);
            }
            Long budget = patch.clearBudgetLimit() ? null
                    : patch.budgetLimitMicros() != null ? patch.budgetLimitMicros() : p.budgetLimitMicros();
            db.update("UPDATE projects SET name = ?, requirements = ?, budget_limit_micros = ?, tags = ?, updated_at = ? WHERE id = ?",
                    name != null ? name : p.name(), requirements != null ? requirements : p.requirements(),
                    budget, ProjectTable.tagsJson(tags != null ? tags : p.tags()), clock.instant(), id);
            return table.require(id);
        });
    }

    /**
     * Deletes the project with its plans, tasks, dependencies and events (usage rows stay, with
     * the project link cleared, so spend totals cannot be reset), then its workspace folder.
     *
     * @throws org.orchestration.core.errors.ConflictException while RUNNING or PLANNING, naming the state
     */
    public void delete(User actor, String id) {
        db.inTransaction(() -> {
            Project p = get(actor, id);
            if (!DELETABLE.contains(p.status())) {
                throw ProjectTable.conflict(p.status(), "delete the project", Set.of());
            }
            db.update("DELETE FROM projects WHERE id = ?", id);
            db.afterCommit(() -> deleteWorkspace(id));
        });
    }

    /**
     * The project's workspace folder ({@code <data>/workspaces/<projectId>}), created if missing.
     */
    public Path workspace(User actor, String id) {
        Project p = get(actor, id);
        Path dir = workspaceDir(p.id());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("Could not create the workspace folder " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private Path workspaceDir(String projectId) {
        Path dir = workspacesDir.resolve(projectId).normalize();
        // Ids are UUIDs we generate; the check guards against ever deleting outside the root.
        if (!dir.getParent().equals(workspacesDir)) {
            throw new ValidationException("id", "Invalid project id.");
        }
        return dir;
    }

    private void deleteWorkspace(String projectId) {
        Path dir = workspaceDir(projectId);
        try {
            Folders.deleteRecursively(dir);
        } catch (IOException e) {
            // The rows are gone already; a leftover folder is harmless and reported, not fatal.
            log.warn("Could not remove the workspace folder {}: {}", dir, e.toString());
        }
    }
}
