package org.orchestration.core.testing;

import java.time.Instant;
import java.util.function.UnaryOperator;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.User;
import org.orchestration.core.testing.FakeApiBackend.TokenKind;

/**
 * A running API on an ephemeral loopback port over a {@link FakeApiBackend}, with two accounts:
 * alice (first, so admin) and bob (a plain user), each with an access token.
 */
public final class ApiTestFixture implements AutoCloseable {

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final FakeApiBackend backend;
    public final ApiServer server;
    public final ApiTestClient client;
    public final User alice;
    public final User bob;
    public final String aliceToken;
    public final String bobToken;

    public ApiTestFixture() {
        this(UnaryOperator.identity(), 10);
    }

    public ApiTestFixture(UnaryOperator<ApiOptions> options, int maxSubscribersPerProject) {
        backend = new FakeApiBackend(clock, maxSubscribersPerProject);
        alice = backend.addUser("alice@example.com", "alice-password");
        bob = backend.addUser("bob@example.com", "bob-password");
        aliceToken = backend.issue(TokenKind.ACCESS, alice, null);
        bobToken = backend.issue(TokenKind.ACCESS, bob, null);
        server = ApiServer.start(options.apply(ApiOptions.loopbackDefaults()), backend.asBackend());
        client = new ApiTestClient(server.baseUrl());
    }

    /** Creates a project owned by {@code token}'s user through the API and returns its id. */
    public String createProject(String token, String name) {
        ApiTestClient.Reply reply = client.post("/api/projects", token, "{\"name\":\"" + name + "\"}");
        if (reply.status() != 201) {
            throw new IllegalStateException("create project failed: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("id").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
