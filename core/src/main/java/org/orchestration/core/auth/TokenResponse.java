package org.orchestration.core.auth;


/** What sign-in and refresh answer: {@code {"access_token", "refresh_token", "token_type", "expires_in", "refresh_expires_in", "user"}}. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, long refreshExpiresIn,
                            User user) {

    @Override
    public String toString() {
        // Never the tokens: this may end up in a log line.
        return "TokenResponse[user=" + user.id() + ", expiresIn=" + expiresIn + "]";
    }
}
