package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.LoginRateLimiter;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.AuthFixtures;
import org.orchestration.core.testing.MutableClock;
import org.orchestration.core.testing.WiredServices;

/**
 * The sign-in limits through the real loopback API on the real account service (multi-user mode,
 * the shipped default limits, a clock the test moves): every client shares 127.0.0.1, so nothing
 * may be keyed by address.
 */
class ApiSignInLimitTest {

    private static final String WRONG_ALICE = "{\"email\":\"alice@example.com\",\"password\":\"wrong-password\"}";
    private static final String RIGHT_ALICE = "{\"email\":\"alice@example.com\",\"password\":\"" + AuthFixtures.PASSWORD + "\"}";
    private static final String RIGHT_BOB = "{\"email\":\"bob@example.com\",\"password\":\"" + AuthFixtures.PASSWORD + "\"}";
    private static final LoginRateLimiter.Limits LIMITS = LoginRateLimiter.Limits.defaults();

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private WiredServices s;
    private ApiTestClient client;

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        AuthFixtures accounts = new AuthFixtures(s.db, clock, s.config.auth(), new PasswordHasher(AuthFixtures.TEST_COST), LIMITS);
        accounts.user(Role.USER, "alice@example.com");
        accounts.user(Role.USER, "bob@example.com");
        ApiServer server = s.startServer(accounts);
        client = new ApiTestClient(server.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void whileOneAccountIsBruteForcedFromSeveralThreadsAnotherSignsInAtOnceAndTheOwnerAfterTheDelay() throws Exception {
        int threads = 4;
        int guessesEach = 25;
        ConcurrentLinkedQueue<Reply> attack = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> attackers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                attackers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < guessesEach; i++) {
                        attack.add(client.post("/api/auth/login", null, WRONG_ALICE));
                    }
                    return null;
                }));
            }
            go.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> attack.size() >= 20);

            Reply bob = client.post("/api/auth/login", null, RIGHT_BOB); // during the attack

            for (Future<?> attacker : attackers) {
                attacker.get(60, TimeUnit.SECONDS);
            }
            assertThat(bob.status()).as(bob.body()).isEqualTo(200);
            assertThat(bob.json().get("access_token").asText()).isNotBlank();
        } finally {
            pool.shutdownNow();
        }

        // The clock stood still: only the free attempts and the one that started the delay reached bcrypt.
        assertThat(attack).hasSize(threads * guessesEach);
        assertThat(attack.stream().filter(r -> r.status() == 401).count()).isEqualTo(LIMITS.freeFailures() + 1);
        assertThat(attack.stream().filter(r -> r.status() == 429).count()).isEqualTo(threads * guessesEach - LIMITS.freeFailures() - 1L);

        Reply owner = client.post("/api/auth/login", null, RIGHT_ALICE);
        assertThat(owner.status()).isEqualTo(429);
        assertThat(owner.header("Retry-After")).isEqualTo("1");
        assertThat(owner.detail()).isEqualTo("Too many failed sign-ins for this email address. Try again in 1 s.");

        clock.advance(Duration.ofSeconds(Long.parseLong(owner.header("Retry-After"))));

        Reply signedIn = client.post("/api/auth/login", null, RIGHT_ALICE);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.json().get("user").get("email").asText()).isEqualTo("alice@example.com");
        assertThat(client.post("/api/auth/login", null, WRONG_ALICE).status()).as("the count started again").isEqualTo(401);
    }

    @Test
    void failedSignInsDoNotBlockRegistration() {
        for (int i = 0; i < 10; i++) {
            client.post("/api/auth/login", null, WRONG_ALICE);
        }
        assertThat(client.post("/api/auth/login", null, WRONG_ALICE).status()).isEqualTo(429);

        Reply registered = client.post("/api/auth/register", null,
                "{\"email\":\"carol@example.com\",\"password\":\"password-carol\",\"display_name\":\"Carol\"}");

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void registrationHasItsOwnCeilingAndReachingItDoesNotBlockSigningIn() {
        int ceiling = LIMITS.registration().attempts();
        for (int i = 0; i < ceiling; i++) {
            Reply r = client.post("/api/auth/register", null,
                    "{\"email\":\"user" + i + "@example.com\",\"password\":\"password-" + i + "\",\"display_name\":\"U" + i + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }

        Reply refused = client.post("/api/auth/register", null,
                "{\"email\":\"late@example.com\",\"password\":\"password-late\",\"display_name\":\"Late\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(refused.detail()).isEqualTo("Too many registrations right now. Try again in 1 min.");
        assertThat(client.post("/api/auth/login", null, RIGHT_BOB).status()).isEqualTo(200);
    }
}
