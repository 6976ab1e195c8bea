package org.orchestration.core.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.projects.OwnedRows;

/** The SQL of the {@code plans} table, with the owner-or-admin check done through the project. */
final class PlanStore {

    private static final String COLUMNS = "pl.id, pl.project_id, pl.version, pl.status, pl.body, pl.raw_reply, pl.warnings, "
            + "pl.provider, pl.model, pl.created_at, pl.updated_at, pl.approved_at";

    private final Database db;

    PlanStore(Database db) {
        this.db = db;
    }

    /** Loads the plan and checks that {@code actor} owns its project or is an admin. */
    Plan require(User actor, String planId) {
        return OwnedRows.load(db, actor, "SELECT " + COLUMNS + ", p.owner_id FROM plans pl JOIN projects p ON p.id = pl.project_id "
                + "WHERE pl.id = ?", PlanStore::map, planId, "plan");
    }

    /** Newest first. No access check: callers check the project. */
    List<Plan> listForProject(String projectId) {
        return db.query("SELECT " + COLUMNS + " FROM plans pl WHERE pl.project_id = ? ORDER BY pl.version DESC",
                PlanStore::map, projectId);
    }

    Optional<Plan> find(String planId) {
        return db.queryOne("SELECT " + COLUMNS + " FROM plans pl WHERE pl.id = ?", PlanStore::map, planId);
    }

    /** Marks the project's current DRAFT (if any) SUPERSEDED and inserts {@code plan} as the next version. */
    Plan insertDraft(String id, String projectId, PlanDocument body, String rawReply, List<PlanWarning> warnings,
                     String provider, String model, Instant now) {
        return db.inTransaction(() -> {
            db.update("UPDATE plans SET status = 'SUPERSEDED', updated_at = ? WHERE project_id = ? AND status = 'DRAFT'",
                    now, projectId);
            int version = (int) db.queryLong("SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE project_id = ?", projectId);
            db.update("INSERT INTO plans (id, project_id, version, status, body, raw_reply, warnings, provider, model, "
                            + "created_at, updated_at) VALUES (?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?)",
                    id, projectId, version, body.toJson(), rawReply, warningsJson(warnings), provider, model, now, now);
            return find(id).orElseThrow();
        });
    }

    /** Replaces the body and warnings of a DRAFT plan; false when it is no longer a draft. */
    boolean updateDraft(String planId, PlanDocument body, List<PlanWarning> warnings, Instant now) {
        return db.update("UPDATE plans SET body = ?, warnings = ?, updated_at = ? WHERE id = ? AND status = 'DRAFT'",
                body.toJson(), warningsJson(warnings), now, planId) == 1;
    }

    void updateWarnings(String planId, List<PlanWarning> warnings, Instant now) {
        db.update("UPDATE plans SET warnings = ?, updated_at = ? WHERE id = ? AND status = 'DRAFT'",
                warningsJson(warnings), now, planId);
    }

    /** DRAFT -> APPROVED; false when another approval got there first. */
    boolean markApproved(String planId, List<PlanWarning> warnings, Instant now) {
        return db.update("UPDATE plans SET status = 'APPROVED', warnings = ?, approved_at = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'DRAFT'", warningsJson(warnings), now, now, planId) == 1;
    }

    /** A newly approved plan replaces the project's earlier approved one. */
    void supersedeApproved(String projectId, String exceptPlanId, Instant now) {
        db.update("UPDATE plans SET status = 'SUPERSEDED', updated_at = ? WHERE project_id = ? AND status = 'APPROVED' AND id <> ?",
                now, projectId, exceptPlanId);
    }

    static String warningsJson(List<PlanWarning> warnings) {
        try {
            return Json.mapper().writeValueAsString(warnings);
        } catch (JsonProcessingException e) {
            throw new StorageException("Could not serialise plan warnings: " + e.getOriginalMessage(), e);
        }
    }

    private static List<PlanWarning> readWarnings(String json) {
        try {
            return Json.mapper().readValue(json, new TypeReference<List<PlanWarning>>() { });
        } catch (JsonProcessingException e) {
            throw new StorageException("Stored plan warnings could not be read: " + e.getOriginalMessage(), e);
        }
    }

    private static Plan map(ResultSet rs) throws SQLException {
        long approved = rs.getLong("approved_at");
        Instant approvedAt = rs.wasNull() ? null : Instant.ofEpochMilli(approved);
        return new Plan(rs.getString("id"), rs.getString("project_id"), rs.getInt("version"),
                PlanStatus.valueOf(rs.getString("status")), PlanDocument.fromJson(rs.getString("body")),
                rs.getString("raw_reply"), readWarnings(rs.getString("warnings")), rs.getString("provider"),
                rs.getString("model"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), approvedAt);
    }
}
