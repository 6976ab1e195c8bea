package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.AuthService;
import org.orchestration.app.LaunchOptions;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.MutableClock;
import org.orchestration.ui.common.ErrorFunnel;

/**
 * The desktop's sign-in on the engine as the composition root wires it (multi-user, the shipped
 * limits, a clock the test moves): repeated wrong passwords put the email in a short delay, the
 * sign-in screen's error line says when to try again, and the owner gets in after it.
 */
class DesktopSignInLimitTest {

    private static final String ALICE = "alice@example.com";
    private static final String PASSWORD = "alice's long password";

    @TempDir
    Path tmp;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private RealEngine engine;
    private AuthService accounts;

    @BeforeEach
    void start() {
        Path data = tmp.resolve("data");
        LaunchOptions headless = LaunchOptions.headless(data.resolveSibling("no-config.json"), data);
        engine = RealEngine.start(new LaunchOptions(headless.configFile(), headless.dataDir(), true, false, Optional.empty(),
                true, headless.env(), clock, false));
        engine.services().auth().register(ALICE, PASSWORD, "Alice");
        engine.services().auth().register("bob@example.com", "bob's long password", "Bob");
        accounts = engine.services().auth();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void repeatedWrongPasswordsShowWhenToTryAgainAndTheOwnerGetsInAfterTheWait() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> accounts.signIn(ALICE, "wrong password")).isInstanceOf(UnauthorizedException.class);
        }

        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> accounts.signIn(ALICE, PASSWORD));

        assertThat(new ErrorFunnel().messageFor(refused)) // the sentence the sign-in screen's error line shows
                .isEqualTo("Too many failed sign-ins for this email address. Try again in 1 s.");
        assertThat(accounts.signIn("bob@example.com", "bob's long password").email()).isEqualTo("bob@example.com");
        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        assertThat(accounts.signIn(ALICE, PASSWORD).email()).isEqualTo(ALICE);
    }
}
