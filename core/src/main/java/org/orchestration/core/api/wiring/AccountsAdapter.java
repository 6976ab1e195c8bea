package org.orchestration.core.api.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.orchestration.core.api.backend.AuthApi;
import org.orchestration.core.api.backend.LoginRequest;
import org.orchestration.core.api.backend.RegisterRequest;
import org.orchestration.core.api.backend.TokenResponse;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.TokenPair;
import org.orchestration.core.auth.User;

/** {@link AuthApi} over {@link AuthService}; token pairs become the documented wire shape. */
final class AccountsAdapter implements AuthApi {

    private final AuthService auth;
    private final Clock clock;

    AccountsAdapter(AuthService auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public Object register(RegisterRequest request) {
        return auth.register(request.email(), request.password(), displayNameOrDefault(request));
    }

    @Override
    public Object login(LoginRequest request) {
        return tokens(auth.login(request.email(), request.password()));
    }

    @Override
    public Object refresh(String refreshToken) {
        return tokens(auth.refresh(refreshToken));
    }

    @Override
    public Object me(User actor) {
        return auth.me(actor);
    }

    /**
     * The API documents {@code display_name} as optional; the account service requires one, so an
     * account registered without it is shown by its email's local part. A malformed email is left
     * for the service to refuse, naming {@code email}.
     */
    private static String displayNameOrDefault(RegisterRequest request) {
        if (request.displayName() != null || request.email() == null) {
            return request.displayName();
        }
        String email = request.email().strip();
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : null;
    }

    private TokenResponse tokens(TokenPair pair) {
        return new TokenResponse(pair.accessToken(), pair.refreshToken(), "bearer",
                secondsUntil(pair.accessExpiresAt(), clock), secondsUntil(pair.refreshExpiresAt(), clock), pair.user());
    }

    /** Whole seconds from now until {@code at}, rounded up (a token issued for 900 s says 900). */
    static long secondsUntil(Instant at, Clock clock) {
        long millis = Duration.between(clock.instant(), at).toMillis();
        return Math.max(0, (millis + 999) / 1000);
    }
}
