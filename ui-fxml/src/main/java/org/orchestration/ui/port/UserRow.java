package org.orchestration.ui.port;

import java.time.Instant;
import org.orchestration.core.auth.User;

/** An account as the admin's user list shows it. */
public record UserRow(User user, Instant createdAt) {
}
