package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;

/** An idle stream re-checks its account at each heartbeat, so it closes without any event. */
class ApiEventStreamRevocationHeartbeatTest {

    private final ApiTestFixture api = new ApiTestFixture(o -> o.withHeartbeatInterval(Duration.ofMillis(100)), 10);
    private EventSource source;

    @AfterEach
    void stop() {
        source.cancel();
        api.close();
    }

    @Test
    void anIdleStreamOfADeactivatedUserClosesAtTheNextHeartbeat() {
        String projectId = api.createProject(api.bobToken, "idle");
        AtomicBoolean ended = new AtomicBoolean();
        Request request = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token="
                + api.issue(TokenKind.SSE, api.bob, projectId))).build();
        source = EventSources.createFactory(api.client.http()).newEventSource(request, new EventSourceListener() {
            @Override
            public void onClosed(EventSource s) {
                ended.set(true);
            }

            @Override
            public void onFailure(EventSource s, Throwable t, Response response) {
                ended.set(true);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> api.server.openEventStreams() == 1);

        api.deactivate(api.bob);

        await().atMost(Duration.ofSeconds(5)).until(ended::get);
        assertThat(api.subscriberCount(projectId)).isZero();
    }
}
