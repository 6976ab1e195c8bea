package org.orchestration.core.auth;

import java.time.Instant;

/** What a successful login or refresh returns: a short-lived access token and a rotating refresh token. */
public record TokenPair(User user, String accessToken, Instant accessExpiresAt, String refreshToken,
                        Instant refreshExpiresAt) {

    @Override
    public String toString() {
        return "TokenPair[user=" + user.id() + ", accessExpiresAt=" + accessExpiresAt
                + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
