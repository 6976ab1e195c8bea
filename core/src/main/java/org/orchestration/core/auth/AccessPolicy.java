package org.orchestration.core.auth;

import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.UnauthorizedException;

/**
 * The one ownership rule: a resource may be touched by its owner or by an admin. Services load
 * the row first (a missing row is {@code NotFoundException}), then call {@link #requireOwnerOrAdmin}.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** No acting user means no valid credentials. */
    public static User requireUser(User actor) {
        if (actor == null) {
            throw new UnauthorizedException("Sign in first.");
        }
        if (!actor.active()) {
            throw new UnauthorizedException("This account is deactivated.");
        }
        return actor;
    }

    public static void requireOwnerOrAdmin(User actor, String ownerId, String what) {
        requireUser(actor);
        if (!actor.isAdmin() && !actor.id().equals(ownerId)) {
            throw new ForbiddenException("You do not have access to this " + what + ".");
        }
    }

    public static void requireAdmin(User actor) {
        requireUser(actor);
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator can do this.");
        }
    }

    /** True when the actor may see every user's rows (admins); list queries use it to filter. */
    public static boolean seesAll(User actor) {
        return requireUser(actor).isAdmin();
    }
}
