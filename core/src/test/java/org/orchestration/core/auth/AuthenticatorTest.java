package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.AuthFixtures;
import org.orchestration.core.testing.TestDb;

class AuthenticatorTest {

    @TempDir
    Path dir;
    Database db;
    AuthFixtures auth;
    Authenticator authenticator;
    User alice;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        auth = new AuthFixtures(db);
        authenticator = auth.authenticator();
        alice = auth.user(Role.USER);
    }

    @AfterEach
    void close() {
        db.close();
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
