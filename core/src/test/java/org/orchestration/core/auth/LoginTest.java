package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.AuthFixtures;

class LoginTest extends AuthTestBase {

    AuthService service;
    User alice;

    @BeforeEach
    void open() {
        service = auth.authService();
        alice = auth.user(Role.USER, "alice@example.com");
    }

    @Test
    void theRightPasswordGivesAnAccessAndARefreshToken() {
        TokenPair pair = service.login("alice@example.com", AuthFixtures.PASSWORD, "client-1");
        assertThat(pair.user()).isEqualTo(alice);
        assertThat(auth.tokens().validateAccessToken(pair.accessToken())).isEqualTo(alice);
        assertThat(pair.accessExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(pair.refreshToken()).isNotBlank();
    }

    @Test
    void theEmailIsMatchedWhateverItsCase() {
        assertThat(service.login("  ALICE@example.com", AuthFixtures.PASSWORD, "c").user()).isEqualTo(alice);
    }

    @Test
    void aSuccessfulLoginRecordsWhen() {
        service.login("alice@example.com", AuthFixtures.PASSWORD, "c");
        assertThat(db.queryLong("SELECT last_login_at FROM users WHERE id = ?", alice.id())).isEqualTo(clock.millis());
    }

    @Test
    void aWrongPasswordAnUnknownEmailAMalformedEmailAndADeactivatedAccountAllGiveTheSameError() {
        User bob = auth.user(Role.USER, "bob@example.com");
        auth.userAdmin().deactivate(auth.user(Role.ADMIN), bob.id());
        assertLoginFails("alice@example.com", "wrong-password");
        assertLoginFails("nobody@example.com", AuthFixtures.PASSWORD);
        assertLoginFails("not an email", AuthFixtures.PASSWORD);
        assertLoginFails(null, null);
        assertLoginFails("bob@example.com", AuthFixtures.PASSWORD);
    }

    private void assertLoginFails(String email, String password) {
        assertThatThrownBy(() -> service.login(email, password, "client-" + email))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage(AuthService.LOGIN_FAILED);
    }

    @Test
    void tooManyAttemptsForOneEmailAreRateLimitedWithTheWaitInSeconds() {
        for (int i = 0; i < 5; i++) {
            int attempt = i;
            assertThatThrownBy(() -> service.login("alice@example.com", "wrong-password", "client-" + attempt))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThatThrownBy(() -> service.login("alice@example.com", AuthFixtures.PASSWORD, "another-client"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 60L);
                    assertThat(e.getMessage()).isEqualTo("Too many attempts. Try again in " + e.retryAfterSeconds() + " s.");
                });
    }

    @Test
    void tooManyAttemptsFromOneClientAreRateLimitedAcrossEmails() {
        for (int i = 0; i < 20; i++) {
            int attempt = i;
            assertThatThrownBy(() -> service.login("user" + attempt + "@example.com", "wrong-password", "10.0.0.9"))
                    .isInstanceOf(UnauthorizedException.class);
        }
        assertThatThrownBy(() -> service.login("alice@example.com", AuthFixtures.PASSWORD, "10.0.0.9"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(service.login("alice@example.com", AuthFixtures.PASSWORD, "10.0.0.10").user()).isEqualTo(alice);
    }

    @Test
    void aRateLimitedEmailMaySignInAgainAfterTheWait() {
        for (int i = 0; i < 5; i++) {
            int attempt = i;
            assertThatThrownBy(() -> service.login("alice@example.com", "wrong-password", "c" + attempt))
                    .isInstanceOf(UnauthorizedException.class);
        }
        RateLimitedException limited = org.junit.jupiter.api.Assertions.assertThrows(RateLimitedException.class,
                () -> service.login("alice@example.com", AuthFixtures.PASSWORD, "c"));
        clock.advance(Duration.ofSeconds(limited.retryAfterSeconds()));
        assertThat(service.login("alice@example.com", AuthFixtures.PASSWORD, "c").user()).isEqualTo(alice);
    }

    @Test
    void aPasswordHashedAtALowerCostIsUpgradedOnLogin() {
        AuthFixtures stronger = new AuthFixtures(db, clock, auth.config(), new PasswordHasher(5), AuthFixtures.unlimited());
        stronger.authService().login("alice@example.com", AuthFixtures.PASSWORD, "c");
        String hash = db.queryOne("SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), alice.id()).orElseThrow();
        assertThat(hash).startsWith("$2a$05$");
        assertThat(auth.hasher().matches(AuthFixtures.PASSWORD, hash)).isTrue();
    }

    @Test
    void meReturnsTheStoredAccountAndRefusesADeactivatedOne() {
        assertThat(service.me(alice)).isEqualTo(alice);
        auth.userAdmin().deactivate(auth.user(Role.ADMIN), alice.id());
        assertThatThrownBy(() -> service.me(alice)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.me(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void changingTheOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        TokenPair session = service.login("alice@example.com", AuthFixtures.PASSWORD, "c");
        assertThatThrownBy(() -> service.changePassword(alice, "wrong-password", "new-password-1"))
                .isInstanceOf(UnauthorizedException.class);
        service.changePassword(alice, AuthFixtures.PASSWORD, "new-password-1");
        assertThatThrownBy(() -> service.refresh(session.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThat(service.login("alice@example.com", "new-password-1", "c").user()).isEqualTo(alice);
    }
}
