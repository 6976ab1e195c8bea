package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        TokenPair pair = service.login("alice@example.com", AuthFixtures.PASSWORD);
        assertThat(pair.user()).isEqualTo(alice);
        assertThat(auth.tokens().validateAccessToken(pair.accessToken())).isEqualTo(alice);
        assertThat(pair.accessExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(pair.refreshToken()).isNotBlank();
    }

    @Test
    void theEmailIsMatchedWhateverItsCase() {
        assertThat(service.login("  ALICE@example.com", AuthFixtures.PASSWORD).user()).isEqualTo(alice);
    }

    @Test
    void aSuccessfulLoginRecordsWhen() {
        service.login("alice@example.com", AuthFixtures.PASSWORD);
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

    @Test
    void theDesktopSignInGivesTheUserRecordsWhenAndStoresNoRefreshToken() {
        assertThat(service.signIn("  ALICE@example.com", AuthFixtures.PASSWORD)).isEqualTo(alice);
        assertThat(db.queryLong("SELECT last_login_at FROM users WHERE id = ?", alice.id())).isEqualTo(clock.millis());
        assertThat(db.queryLong("SELECT count(*) FROM refresh_tokens")).isZero();
    }

    @Test
    void theDesktopSignInRefusesWithTheSameOneMessage() {
        assertThatThrownBy(() -> service.signIn("alice@example.com", "wrong-password"))
                .isInstanceOf(UnauthorizedException.class).hasMessage(AuthService.LOGIN_FAILED);
        assertThatThrownBy(() -> service.signIn("nobody@example.com", AuthFixtures.PASSWORD))
                .isInstanceOf(UnauthorizedException.class).hasMessage(AuthService.LOGIN_FAILED);
    }

    @Test
    void theDesktopSignInSharesTheLoginDelay() {
        failFourTimes("alice@example.com");
        assertThatThrownBy(() -> service.signIn("alice@example.com", AuthFixtures.PASSWORD))
                .isInstanceOf(RateLimitedException.class);
    }

    private void assertLoginFails(String email, String password) {
        assertThatThrownBy(() -> service.login(email, password))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessage(AuthService.LOGIN_FAILED);
    }

    @Test
    void repeatedWrongPasswordsDelayTheEmailAndTheRefusalSaysWhenToTryAgain() {
        failFourTimes("alice@example.com");

        assertThatThrownBy(() -> service.login("alice@example.com", AuthFixtures.PASSWORD))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
                .hasMessage("Too many failed sign-ins for this email address. Try again in 1 s.");
    }

    @Test
    void theOwnerSignsInOnceTheDelayHasPassedAndThatClearsTheFailures() {
        failFourTimes("alice@example.com");
        RateLimitedException limited = assertThrows(RateLimitedException.class,
                () -> service.login("alice@example.com", AuthFixtures.PASSWORD));

        clock.advance(Duration.ofSeconds(limited.retryAfterSeconds()));

        assertThat(service.login("alice@example.com", AuthFixtures.PASSWORD).user()).isEqualTo(alice);
        failFourTimes("alice@example.com"); // four more free-then-counted attempts: the count started again
    }

    @Test
    void anotherAccountSignsInAtOnceWhileOneIsBeingGuessed() {
        User bob = auth.user(Role.USER, "bob@example.com");
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> service.login("alice@example.com", "wrong-password"))
                    .isInstanceOfAny(UnauthorizedException.class, RateLimitedException.class);
        }

        assertThat(service.login("bob@example.com", AuthFixtures.PASSWORD).user()).isEqualTo(bob);
    }

    @Test
    void anUnknownEmailIsDelayedExactlyLikeAKnownOne() {
        assertThat(outcomesOfGuessing("nobody@example.com")).isEqualTo(outcomesOfGuessing("alice@example.com"));
    }

    /** Eight wrong guesses, one second apart: which were refused, and for how long. */
    private List<String> outcomesOfGuessing(String email) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            try {
                service.login(email, "wrong-password");
            } catch (RateLimitedException e) {
                outcomes.add("429 wait " + e.retryAfterSeconds() + ": " + e.getMessage());
            } catch (UnauthorizedException e) {
                outcomes.add("401: " + e.getMessage());
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(outcomes).anyMatch(o -> o.startsWith("429")).anyMatch(o -> o.startsWith("401"));
        return outcomes;
    }

    private void failFourTimes(String email) {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> service.login(email, "wrong-password"))
                    .isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void aPasswordHashedAtALowerCostIsUpgradedOnLogin() {
        AuthFixtures stronger = new AuthFixtures(db, clock, auth.config(), new PasswordHasher(5), AuthFixtures.unlimited());
        stronger.authService().login("alice@example.com", AuthFixtures.PASSWORD);
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
        TokenPair session = service.login("alice@example.com", AuthFixtures.PASSWORD);
        assertThatThrownBy(() -> service.changePassword(alice, "wrong-password", "new-password-1"))
                .isInstanceOf(UnauthorizedException.class);
        service.changePassword(alice, AuthFixtures.PASSWORD, "new-password-1");
        assertThatThrownBy(() -> service.refresh(session.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThat(service.login("alice@example.com", "new-password-1").user()).isEqualTo(alice);
    }
}
