package org.orchestration.core.api.backend;

/** {@code POST /api/auth/register}; shape already checked (password at most 128 characters). */
public record RegisterRequest(String email, String password, String displayName) {
}
