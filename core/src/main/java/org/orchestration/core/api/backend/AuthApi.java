package org.orchestration.core.api.backend;

import org.orchestration.core.auth.User;

/**
 * Accounts ({@code core.auth.AuthService} / {@code TokenService}). Return values are serialised
 * to JSON as they are; see docs/api.md for the shapes clients expect.
 */
public interface AuthApi {

    /** Creates an account (first user becomes admin); a failure never says whether the email exists. */
    Object register(RegisterRequest request);

    /**
     * Checks the password timing-safely; returns the token pair {@code {access_token, refresh_token, token_type, expires_in}}.
     * The account service limits attempts per email (a growing delay) and app-wide, never per client address.
     */
    Object login(LoginRequest request);

    /** Rotates a refresh token into a new token pair; a reused or expired token is 401. */
    Object refresh(String refreshToken);

    /** The signed-in user's public profile. */
    Object me(User actor);
}
