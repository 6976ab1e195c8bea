package org.orchestration.ui.port;

import org.orchestration.core.auth.User;

/** An account as the admin's user list shows it. */
public record UserRow(User user, java.time.Instant createdAt) {
}
