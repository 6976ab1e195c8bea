package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.SeenEvents;
import org.orchestration.core.testing.WiredServices;

/**
 * The real services decide what "revoked" means: an admin's deactivation and a sign-out
 * everywhere both end the user's open stream (within the one-second standing cache), and
 * nothing published afterwards reaches it.
 */
class WiredEventStreamRevocationTest {

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiServer server;
    private EventSource source;
    private User admin;
    private User bob;
    private String projectId;
    private final SeenEvents seen = new SeenEvents();

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        server = ApiServer.start(ApiOptions.loopbackDefaults().withHeartbeatInterval(Duration.ofMillis(100)), s.services(), s.background);
        admin = s.user(Role.ADMIN);
        bob = s.user(Role.USER);
        s.auth.login(bob); // a live session (refresh token) that can be revoked
        projectId = s.projects.create(bob, "Watched", "Something to watch.").id();
        ApiTestClient client = new ApiTestClient(server.baseUrl());
        Request request = new Request.Builder()
                .url(client.url("/api/events/" + projectId + "?token=" + s.auth.sseToken(bob, projectId))).build();
        source = EventSources.createFactory(client.http()).newEventSource(request, seen);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.open && s.bus.subscriberCount(projectId) == 1);
        s.bus.publish(new LogMessage(projectId, "info", "n " + 1, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ids().size() == 1);
    }

    @AfterEach
    void stop() throws Exception {
        source.cancel();
        server.close();
        s.close();
    }


    @Test
    void anAdminDeactivatingTheUserClosesTheirOpenStream() {
        s.auth.userAdmin().deactivate(admin, bob.id());

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ended);
        s.bus.publish(new LogMessage(projectId, "info", "n " + 2, null));
        assertThat(seen.ids()).hasSize(1);
        assertThat(server.openEventStreams()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.bus.subscriberCount(projectId) == 0);
    }

    @Test
    void signingOutEverywhereClosesTheUsersOpenStream() {
        s.auth.authService().logoutEverywhere(bob);

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ended);
        s.bus.publish(new LogMessage(projectId, "info", "n " + 2, null));
        assertThat(seen.ids()).hasSize(1);
        assertThat(server.openEventStreams()).isZero();
    }

    @Test
    void anotherUsersDeactivationLeavesTheStreamOpen() {
        s.auth.userAdmin().deactivate(admin, s.user(Role.USER).id());

        s.bus.publish(new LogMessage(projectId, "info", "n " + 2, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ids().size() == 2);
        assertThat(seen.ended).isFalse();
    }
}
