package org.orchestration.core.auth;

import java.util.Locale;
import org.orchestration.core.errors.UnauthorizedException;

/**
 * The API's one way to turn a bearer credential into a {@link User}: either an access JWT
 * (checked by {@link TokenService#validateAccessToken}) or a personal API key (starts with
 * {@value ApiKeyService#KEY_PREFIX}, checked by {@link ApiKeyService#authenticate}). Anything
 * else, including refresh and SSE tokens, is {@link UnauthorizedException} (401).
 */
public final class Authenticator {

    private final TokenService tokens;
    private final ApiKeyService apiKeys;

    public Authenticator(TokenService tokens, ApiKeyService apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
    }

    /**
     * The user behind a bearer value (the part after {@code "Bearer "}).
     *
     * @throws UnauthorizedException when the value is missing, invalid, expired, revoked or of the wrong kind
     */
    public User authenticateBearer(String bearerValue) {
        if (bearerValue == null || bearerValue.isBlank()) {
            throw new UnauthorizedException("Sign in first.");
        }
        String value = bearerValue.strip();
        if (value.startsWith(ApiKeyService.KEY_PREFIX)) {
            return apiKeys.authenticate(value);
        }
        return tokens.validateAccessToken(value);
    }

    /**
     * The user behind a whole {@code Authorization} header value, which must be
     * {@code Bearer <token-or-key>} (scheme case-insensitive).
     *
     * @throws UnauthorizedException as {@link #authenticateBearer}, or when the scheme is not Bearer
     */
    public User authenticateAuthorizationHeader(String header) {
        if (header == null || header.isBlank()) {
            throw new UnauthorizedException("Sign in first.");
        }
        String h = header.strip();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new UnauthorizedException("Use an Authorization header of the form \"Bearer <token>\".");
        }
        return authenticateBearer(h.substring(7));
    }
}
