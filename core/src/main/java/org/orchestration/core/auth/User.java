package org.orchestration.core.auth;

/**
 * The acting account. Every service method that touches user data takes one and checks it with
 * {@link AccessPolicy}; the desktop UI and the API pass the same value, so they cannot disagree.
 */
public record User(String id, String email, String displayName, Role role, boolean active) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
