package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/**
 * Resolves the {@code ?token=} of the event stream. Only short-lived SSE tokens scoped to one
 * project are accepted here; access tokens and API keys must never travel in a URL.
 */
@FunctionalInterface
public interface SseTokenVerifier {

    /**
     * @return the user the token was issued to
     * @throws org.orchestration.core.errors.UnauthorizedException when the token is not an SSE token,
     *         is expired or tampered, or was issued for a different project (null is treated alike)
     */
    User verify(String token, String projectId);
}
