package org.orchestration.core.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.ProjectStatus;

/**
 * The SQL of the {@code projects} table. No access checks here: services check the acting user
 * first. Status changes go through {@link #transition}, which refuses (409 naming the current
 * state) any change from a state not in the allowed set, atomically.
 */
public final class ProjectTable {

    static final String COLUMNS = "id, owner_id, name, requirements, status, budget_limit_micros, planning_error, "
            + "planning_raw_reply, status_reason, created_at, updated_at, tags";

    private final Database db;
    private final Clock clock;

    public ProjectTable(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Project> find(String id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM projects WHERE id = ?", ProjectTable::map, id);
    }

    public Project require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("Project " + id + " does not exist."));
    }

    /** The project's all-time spend: the sum of its usage rows, in micro-dollars (0 when none). */
    public long spentMicros(String id) {
        return db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE project_id = ?", id);
    }

    void insert(Project p) {
        db.update("INSERT INTO projects (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.ownerId(), p.name(), p.requirements(), p.status().name(), p.budgetLimitMicros(),
                p.planningError(), p.planningRawReply(), p.statusReason(), p.createdAt(), p.updatedAt(), tagsJson(p.tags()));
    }

    /**
     * Moves the project from one of {@code allowed} to {@code to} in one transaction (joins the
     * caller's), clearing or setting the planning error fields as given.
     *
     * @return the state it was in before
     * @throws ConflictException naming the current state when it is not in {@code allowed}
     * @throws NotFoundException when the project does not exist
     */
    public ProjectStatus transition(String id, Set<ProjectStatus> allowed, ProjectStatus to, String action) {
        return db.inTransaction(() -> {
            ProjectStatus current = require(id).status();
            if (!allowed.contains(current)) {
                throw conflict(current, action, allowed);
            }
            db.update("UPDATE projects SET status = ?, updated_at = ? WHERE id = ?", to.name(), now(), id);
            return current;
        });
    }

    /** Sets the status whatever it was (for restoring a state saved by {@link #transition}). */
    public void setStatus(String id, ProjectStatus to) {
        db.update("UPDATE projects SET status = ?, updated_at = ? WHERE id = ?", to.name(), now(), id);
    }

    /** Stores why planning failed and the raw reply (either may be null) and sets the status. */
    public void recordPlanningFailure(String id, ProjectStatus status, String error, String rawReply) {
        db.update("UPDATE projects SET status = ?, planning_error = ?, planning_raw_reply = ?, updated_at = ? WHERE id = ?",
                status.name(), error, rawReply, now(), id);
    }

    /** Clears the last planning error (at the start of a new attempt). */
    public void clearPlanningFailure(String id) {
        db.update("UPDATE projects SET planning_error = NULL, planning_raw_reply = NULL WHERE id = ?", id);
    }

    public static ConflictException conflict(ProjectStatus current, String action, Set<ProjectStatus> allowed) {
        String states = allowed.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
        return new ConflictException("Cannot " + action + " while the project is " + current
                + (states.isEmpty() ? "." : " (allowed when " + states + ")."));
    }

    private Instant now() {
        return clock.instant();
    }

    static Project map(ResultSet rs) throws SQLException {
        long budget = rs.getLong("budget_limit_micros");
        Long budgetLimit = rs.wasNull() ? null : budget;
        return new Project(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"), rs.getString("requirements"),
                ProjectStatus.valueOf(rs.getString("status")), budgetLimit, rs.getString("planning_error"),
                rs.getString("planning_raw_reply"), rs.getString("status_reason"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                tags(rs.getString("tags")));
    }

    /** The {@code tags} column: a JSON array of strings. */
    static String tagsJson(List<String> tags) {
        try {
            return Json.mapper().writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings is always JSON", e);
        }
    }

    static List<String> tags(String json) {
        try {
            return json == null ? List.of() : Json.mapper().readValue(json, TAG_LIST);
        } catch (JsonProcessingException e) {
            throw new StorageException("The tags of a project are not a JSON list: " + json, e);
        }
    }

    private static final TypeReference<List<String>> TAG_LIST = new TypeReference<>() { };
}
