package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/**
 * Resolves the credential of an {@code Authorization: Bearer ...} header: an access JWT or a
 * personal API key. Wired to {@code core.auth.Authenticator.authenticateBearer(String)}.
 */
@FunctionalInterface
public interface BearerAuthenticator {

    /**
     * @param bearer the text after {@code "Bearer "}, never null or blank
     * @return the active user the credential belongs to
     * @throws org.orchestration.core.errors.UnauthorizedException when the credential is unknown,
     *         tampered, expired, of the wrong type (refresh or SSE token) or its user is deactivated;
     *         returning null is treated the same way
     */
    User authenticate(String bearer);
}
