package org.orchestration.core.api.backend;

import java.time.Duration;
import org.orchestration.core.auth.User;

/** Issues the short-lived, project-scoped SSE token ({@code core.auth.TokenService}). */
public interface EventsApi {

    /**
     * Checks that the actor may see the project (owner or admin) and issues an SSE token for it.
     * @throws org.orchestration.core.errors.NotFoundException / ForbiddenException
     */
    IssuedSseToken issueSseToken(User actor, String projectId);

    /** An SSE token and how long it lives. */
    record IssuedSseToken(String token, Duration ttl) {
    }
}
