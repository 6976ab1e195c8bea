package org.orchestration.core.api.backend;

/** {@code POST /api/auth/login}; both fields non-empty, password at most 128 characters. */
public record LoginRequest(String email, String password) {
}
