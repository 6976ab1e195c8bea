package org.orchestration.core.auth;

import java.time.Instant;
import java.util.Optional;

/** A user as an administrator sees it in the user list (never the password hash). */
public record UserAccount(User user, Instant createdAt, Optional<Instant> lastLoginAt) {
}
