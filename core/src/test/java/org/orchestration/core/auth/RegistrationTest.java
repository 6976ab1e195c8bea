package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.RateLimitedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.testing.AuthFixtures;

class RegistrationTest extends AuthTestBase {

    AuthService service;

    @BeforeEach
    void open() {
        service = auth.authService();
    }

    @Test
    void theFirstAccountBecomesAdminAndLaterOnesUsers() {
        User first = service.register("first@example.com", "password-1", "First");
        User second = service.register("second@example.com", "password-2", "Second");
        assertThat(first.role()).isEqualTo(Role.ADMIN);
        assertThat(second.role()).isEqualTo(Role.USER);
        assertThat(second.active()).isTrue();
    }

    @Test
    void fiftyConcurrentFirstRegistrationsYieldExactlyOneAdmin() throws Exception {
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<User>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String email = "racer" + i + "@example.com";
                results.add(pool.submit(() -> {
                    start.await();
                    return service.register(email, "password-" + email, "Racer");
                }));
            }
            start.countDown();
            List<User> users = new ArrayList<>();
            for (Future<User> f : results) {
                users.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(users).filteredOn(User::isAdmin).hasSize(1);
            assertThat(db.queryLong("SELECT count(*) FROM users WHERE role = 'admin'")).isEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDuplicateEmailFailsWithTheGenericMessageAndNoField() {
        service.register("taken@example.com", "password-1", "One");
        assertThatThrownBy(() -> service.register("Taken@Example.com", "password-2", "Two"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Registration failed");
                    assertThat(e.field()).isEmpty();
                });
        assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void theEmailIsStoredLowerCased() {
        User user = service.register("Mixed.Case@Example.com", "password-1", "Mixed");
        assertThat(user.email()).isEqualTo("mixed.case@example.com");
    }

    @Test
    void closedRegistrationRefusesNewAccounts() {
        User admin = service.register("admin@example.com", "password-1", "Admin");
        auth.userAdmin().setRegistrationOpen(admin, false);
        assertThat(service.isRegistrationOpen()).isFalse();
        assertThatThrownBy(() -> service.register("late@example.com", "password-2", "Late"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void theVeryFirstAccountMayRegisterEvenWhenRegistrationIsClosedInConfig() {
        AuthService closed = new AuthFixtures(db, auth.clock(), AuthFixtures.config(AppConfig.AuthMode.MULTI, false),
                auth.hasher(), AuthFixtures.unlimited()).authService();
        assertThat(closed.register("first@example.com", "password-1", "First").isAdmin()).isTrue();
        assertThatThrownBy(() -> closed.register("second@example.com", "password-2", "Second"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void singleUserModeRefusesRegistrationOnceTheOwnerExists() {
        AuthFixtures single = new AuthFixtures(db, auth.clock(), AuthFixtures.config(AppConfig.AuthMode.SINGLE, true),
                auth.hasher(), AuthFixtures.unlimited());
        new SingleUserBootstrap(db, single.settings(), single.hasher(), single.clock(), "me").ensureOwner();
        assertThatThrownBy(() -> single.authService().register("other@example.com", "password-2", "Other"))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void registrationsBeyondTheirCeilingAreRefusedWithTheWaitAndLeaveNoRow() {
        AuthService limited = twoRegistrationsAnHour().authService();
        limited.register("one@example.com", "password-1", "One");
        limited.register("two@example.com", "password-2", "Two");

        assertThatThrownBy(() -> limited.register("three@example.com", "password-3", "Three"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1800))
                .hasMessage("Too many registrations right now. Try again in 30 min.");
        assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void aFullRegistrationCeilingDoesNotStopSigningIn() {
        AuthFixtures fixtures = twoRegistrationsAnHour();
        AuthService limited = fixtures.authService();
        limited.register("one@example.com", "password-1", "One");
        limited.register("two@example.com", "password-2", "Two");
        assertThatThrownBy(() -> limited.register("three@example.com", "password-3", "Three"))
                .isInstanceOf(RateLimitedException.class);

        assertThat(limited.login("two@example.com", "password-2").user().email()).isEqualTo("two@example.com");
    }

    @Test
    void aRegistrationWithAMalformedFieldDoesNotUseUpTheCeiling() {
        AuthService limited = twoRegistrationsAnHour().authService();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limited.register("not an email", "password-1", "Typo"))
                    .isInstanceOf(ValidationException.class);
        }

        limited.register("one@example.com", "password-1", "One");
        limited.register("two@example.com", "password-2", "Two");
        assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(2);
    }

    private AuthFixtures twoRegistrationsAnHour() {
        LoginRateLimiter.Limits d = LoginRateLimiter.Limits.defaults();
        return new AuthFixtures(db, clock, auth.config(), auth.hasher(), new LoginRateLimiter.Limits(d.freeFailures(),
                d.firstDelay(), d.maxDelay(), d.forgetAfter(), d.global(),
                new LoginRateLimiter.Rate(2, Duration.ofHours(1)), d.maxTrackedKeys()));
    }

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                Arguments.of(null, "password-1", "Name", "email"),
                Arguments.of("abc", "password-1", "Name", "email"),
                Arguments.of("a".repeat(250) + "@example.com", "password-1", "Name", "email"),
                Arguments.of("us\u0000er@example.com", "password-1", "Name", "email"),
                Arguments.of("\u00fcser@example.com", "password-1", "Name", "email"),
                Arguments.of("user@example.com", null, "Name", "password"),
                Arguments.of("user@example.com", "short", "Name", "password"),
                Arguments.of("user@example.com", "p".repeat(129), "Name", "password"),
                Arguments.of("user@example.com", "password-1", null, "displayName"),
                Arguments.of("user@example.com", "password-1", "", "displayName"),
                Arguments.of("user@example.com", "password-1", "n".repeat(201), "displayName"),
                Arguments.of("user@example.com", "password-1", "line\nbreak", "displayName"),
                Arguments.of("user@example.com", "password-1", "rtl\u202eoverride", "displayName"));
    }

    @ParameterizedTest
    @MethodSource("badRegistrations")
    void badInputNamesTheFieldAndStoresNoAccount(String email, String password, String name, String field) {
        assertThatThrownBy(() -> service.register(email, password, name))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains(field));
        assertThat(db.queryLong("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void thePasswordIsStoredOnlyAsABcryptHash() {
        User user = service.register("hash@example.com", "password-plain", "Hash");
        String stored = db.queryOne("SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), user.id()).orElseThrow();
        assertThat(stored).startsWith("$2").doesNotContain("password-plain");
    }
}
