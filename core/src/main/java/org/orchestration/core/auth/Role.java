package org.orchestration.core.auth;

/** What an account may do. Stored lower-case in {@code users.role}. */
public enum Role {
    ADMIN, USER;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static Role fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
