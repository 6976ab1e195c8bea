package org.orchestration.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.PasswordHasher;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.settings.SettingsPatch;

/**
 * A running API on an ephemeral loopback port over the real engine ({@link TestEngine}, multi-user,
 * Simulated provider, a temporary SQLite file) on a clock tests move by hand, with two accounts:
 * alice (admin) and bob (a plain user), each with an access token. Credentials, events, account
 * changes and planned projects all go through the real services.
 */
public final class ApiTestFixture implements AutoCloseable {

    /** The kinds of credential {@link #issue} makes. */
    public enum TokenKind { ACCESS, REFRESH, SSE, API_KEY }

    /** Long enough that a started run is still RUNNING when the next request looks. */
    private static final Duration SIMULATED_LATENCY = Duration.ofMillis(500);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final TestEngine engine;
    public final ApiServer server;
    public final ApiTestClient client;
    public final User alice;
    public final User bob;
    public final String aliceToken;
    public final String bobToken;
    private final Path dir;
    private final Path knowledgeFolder;
    private final FaultyClock engineClock = new FaultyClock(clock);
    private final PasswordHasher hasher = new PasswordHasher(AuthFixtures.TEST_COST);

    public ApiTestFixture() {
        this(UnaryOperator.identity(), 10);
    }

    public ApiTestFixture(UnaryOperator<ApiOptions> options, int maxSubscribersPerProject) {
        try {
            dir = Files.createTempDirectory("api-fixture");
            Files.createDirectories(dir.resolve("engine"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = TestEngine.startMultiUser(dir.resolve("engine"), engineClock, maxSubscribersPerProject, SIMULATED_LATENCY);
        alice = addUser("alice@example.com", "alice-password", Role.ADMIN);
        bob = addUser("bob@example.com", "bob-password", Role.USER);
        // Signed in as a client would be: a live session each, which "sign out everywhere" revokes.
        aliceToken = engine.services().auth().login(alice.email(), passwordOf(alice)).accessToken();
        bobToken = engine.services().auth().login(bob.email(), passwordOf(bob)).accessToken();
        try {
            knowledgeFolder = Files.createDirectories(dir.resolve("docs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine.services().settingsService().update(alice, new SettingsPatch(null, null, null, null, null,
                List.of(knowledgeFolder.toString())));
        server = ApiServer.start(options.apply(ApiOptions.loopbackDefaults()), engine.services(), engine.background());
        client = new ApiTestClient(server.baseUrl());
    }

    public EngineServices services() {
        return engine.services();
    }

    /** An active plain user who signs in with {@code password}. */
    public User addUser(String email, String password) {
        return addUser(email, password, Role.USER);
    }

    private User addUser(String email, String password, Role role) {
        String id = UUID.randomUUID().toString();
        engine.db.update("INSERT INTO users (id, email, display_name, password_hash, role, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
                id, email, email.substring(0, email.indexOf('@')), hasher.hash(password), role.dbValue(), clock.millis());
        return new User(id, email, email.substring(0, email.indexOf('@')), role, true);
    }

    /** A real credential of this kind for {@code user} ({@code projectId} only for SSE tokens, issued as if the user owned it). */
    public String issue(TokenKind kind, User user, String projectId) {
        TokenService tokens = services().tokens();
        return switch (kind) {
            case ACCESS -> tokens.issueAccessToken(user).token();
            case SSE -> tokens.issueSseToken(user, projectId, user.id()).token();
            case API_KEY -> services().apiKeys().create(user, "fixture key").plaintext();
            case REFRESH -> services().auth().login(user.email(), passwordOf(user)).refreshToken();
        };
    }

    private String passwordOf(User user) {
        return user.email().substring(0, user.email().indexOf('@')) + "-password";
    }

    /** An access token signed with the engine's secret that expired a day ago. */
    public String expiredAccessToken(User user) {
        Clock past = Clock.fixed(clock.instant().minus(Duration.ofDays(1)), clock.getZone());
        return new TokenService(engine.db, engine.config.auth(), past).issueAccessToken(user).token();
    }

    /**
     * The next time a request thread of the API reads the engine's clock (every authenticated
     * request does, to check its token), it throws {@code e} instead; null disarms. How tests make a
     * real service call fail unexpectedly.
     */
    public void failNextCallWith(RuntimeException e) {
        engineClock.failure.set(e);
    }

    /** Publishes through the engine's ProgressBus. */
    public StoredEvent publish(EngineEvent event) {
        return engine.bus.publish(event);
    }

    /** Deactivates the account as an admin (alice) does: its tokens stop working and its streams close. */
    public void deactivate(User user) {
        services().userAdmin().deactivate(alice, user.id());
        letStandingRefresh();
    }

    /** "Sign out everywhere": every session of the user is revoked; the account stays active. */
    public void revokeSessions(User user) {
        services().auth().logoutEverywhere(user);
        letStandingRefresh();
    }

    /** Streams check standing from a per-user snapshot up to a second old on the engine's clock, which stands still here. */
    private void letStandingRefresh() {
        clock.advance(Duration.ofSeconds(2));
    }

    public int subscriberCount(String projectId) {
        return engine.bus.subscriberCount(projectId);
    }

    /** The project's tasks as its owner or an admin sees them. */
    public List<TaskView> tasksOf(String projectId) {
        return services().tasks().list(alice, projectId);
    }

    /** Waits until the plan started with {@code POST /plan} is stored (the Simulated provider answers at once). */
    public void awaitPlan(String projectId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (services().plans().current(alice, projectId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no plan for " + projectId + ": "
                        + services().projects().get(alice, projectId).planningError());
            }
            Thread.onSpinWait();
        }
    }

    /** A project of {@code owner} planned and approved through the services, so it has tasks. */
    public String plannedProject(User owner, String name) {
        String id = services().projects().create(owner, name, "Write a short greeting.").id();
        services().planner().generatePlan(owner, id, new CancellationToken());
        services().plans().approveCurrent(owner, id);
        return id;
    }

    /** A folder every user may index (an allowed knowledge root). */
    public String knowledgeFolder() {
        return knowledgeFolder.toString();
    }

    /** Creates a project owned by {@code token}'s user through the API (requirements one can plan) and returns its id. */
    public String createProject(String token, String name) {
        ApiTestClient.Reply reply = client.post("/api/projects", token, "{\"name\":\"" + name
                + "\",\"requirements\":\"Write a short greeting.\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("create project failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("id").asText();
    }

    @Override
    public void close() {
        server.close();
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** {@link MutableClock} that can fail once on an API request thread ({@link #failNextCallWith}). */
    private static final class FaultyClock extends Clock {
        private final MutableClock time;
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        FaultyClock(MutableClock time) {
            this.time = time;
        }

        @Override
        public ZoneId getZone() {
            return time.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return time.withZone(zone);
        }

        @Override
        public Instant instant() {
            maybeFail();
            return time.instant();
        }

        @Override
        public long millis() {
            maybeFail();
            return time.millis();
        }

        private void maybeFail() {
            if (Thread.currentThread().getName().startsWith("api-http")) {
                RuntimeException e = failure.getAndSet(null);
                if (e != null) {
                    throw e;
                }
            }
        }
    }
}
