package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;
import org.orchestration.core.testing.SeenEvents;

/** An open stream ends as soon as its account is deactivated or its sessions are revoked. */
class ApiEventStreamRevocationTest {

    private ApiTestFixture api;
    private String projectId;
    private EventSource source;
    private final SeenEvents seen = new SeenEvents();

    @BeforeEach
    void start() {
        // A long heartbeat: the event itself must trigger the check.
        api = new ApiTestFixture(o -> o.withHeartbeatInterval(Duration.ofMinutes(10)), 10);
        projectId = api.createProject(api.bobToken, "watched");
        Request request = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token="
                + api.issue(TokenKind.SSE, api.bob, projectId))).build();
        source = EventSources.createFactory(api.client.http()).newEventSource(request, seen);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.open && api.subscriberCount(projectId) == 1);
    }

    @AfterEach
    void stop() {
        source.cancel();
        api.close();
    }


    @Test
    void aDeactivatedUsersStreamClosesAtTheNextEventWithoutDeliveringIt() {
        long before = api.publish(new LogMessage(projectId, "info", "n " + 1, null)).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ids().size() == 1);

        api.deactivate(api.bob);
        api.publish(new LogMessage(projectId, "info", "n " + 2, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ended);
        api.publish(new LogMessage(projectId, "info", "n " + 3, null));
        assertThat(seen.ids()).containsExactly(before);
        assertThat(api.subscriberCount(projectId)).isZero();
        assertThat(api.server.openEventStreams()).isZero();
    }

    @Test
    void aUserWhoseSessionsAreRevokedHasTheirStreamClosedAtTheNextEventWithoutDeliveringIt() {
        long before = api.publish(new LogMessage(projectId, "info", "n " + 1, null)).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ids().size() == 1);

        api.revokeSessions(api.bob);
        api.publish(new LogMessage(projectId, "info", "n " + 2, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ended);
        assertThat(seen.ids()).containsExactly(before);
        assertThat(api.server.openEventStreams()).isZero();
    }

    @Test
    void anotherUsersRevocationLeavesTheStreamOpen() {
        api.revokeSessions(api.alice);
        long event = api.publish(new LogMessage(projectId, "info", "n " + 1, null)).id();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ids().size() == 1);
        assertThat(seen.ids()).containsExactly(event);
        assertThat(seen.ended).isFalse();
    }
}
