package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.UnauthorizedException;

class AuthenticatorTest extends AuthTestBase {

    Authenticator authenticator;
    User alice;

    @BeforeEach
    void open() {
        authenticator = auth.authenticator();
        alice = auth.user(Role.USER);
    }

    @Test
    void anAccessTokenIsAccepted() {
        assertThat(authenticator.authenticateBearer(auth.accessToken(alice))).isEqualTo(alice);
    }

    @Test
    void aPersonalApiKeyIsAccepted() {
        assertThat(authenticator.authenticateBearer(auth.apiKey(alice))).isEqualTo(alice);
    }

    @Test
    void aWholeAuthorizationHeaderIsAcceptedWithAnyCaseOfBearer() {
        assertThat(authenticator.authenticateAuthorizationHeader("bearer " + auth.accessToken(alice))).isEqualTo(alice);
        assertThat(authenticator.authenticateAuthorizationHeader("Bearer " + auth.apiKey(alice))).isEqualTo(alice);
    }

    @Test
    void refreshAndSseTokensAreNotBearerCredentials() {
        assertRejected(auth.login(alice).refreshToken());
        assertRejected(auth.sseToken(alice, "p1"));
    }

    @Test
    void missingOrMadeUpCredentialsAreRejected() {
        assertRejected(null);
        assertRejected("");
        assertRejected("oe_not-a-real-key");
        assertRejected("eyJhbGciOiJIUzI1NiJ9.e30.x");
        assertThatThrownBy(() -> authenticator.authenticateAuthorizationHeader("Basic dXNlcjpwYXNz"))
                .isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> authenticator.authenticateAuthorizationHeader(null)).isInstanceOf(UnauthorizedException.class);
    }

    private void assertRejected(String bearer) {
        assertThatThrownBy(() -> authenticator.authenticateBearer(bearer)).isInstanceOf(UnauthorizedException.class);
    }
}
