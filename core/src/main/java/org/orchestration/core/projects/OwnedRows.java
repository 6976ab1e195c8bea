package org.orchestration.core.projects;

import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.db.RowMapper;
import org.orchestration.core.errors.NotFoundException;

/**
 * Loads one row that belongs to a project and applies the owner-or-admin rule through the
 * project's owner: missing -> 404, someone else's -> 403.
 */
public final class OwnedRows {

    private OwnedRows() {
    }

    /**
     * @param sql  a query taking {@code id} as its only parameter and selecting the project owner
     *             in a column named {@code owner_id}
     * @param what "task", "plan": used in the messages
     */
    public static <T> T load(Database db, User actor, String sql, RowMapper<T> mapper, String id, String what) {
        AccessPolicy.requireUser(actor);
        record Row<T>(T value, String ownerId) {
        }
        Row<T> row = db.queryOne(sql, rs -> new Row<>(mapper.map(rs), rs.getString("owner_id")), id)
                .orElseThrow(() -> new NotFoundException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + id
                        + " does not exist."));
        AccessPolicy.requireOwnerOrAdmin(actor, row.ownerId(), what);
        return row.value();
    }
}
