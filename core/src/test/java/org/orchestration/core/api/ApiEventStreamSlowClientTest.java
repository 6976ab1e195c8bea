package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;

/** A client that stops reading stalls nobody: the others keep receiving, it is cut off on overflow. */
class ApiEventStreamSlowClientTest {

    private static final int EVENTS = SseConnection.MAX_BACKLOG * 2;
    private static final int STEP = 500;

    private final ApiTestFixture api = new ApiTestFixture(o -> o, 10);
    private EventSource fast;

    @AfterEach
    void stop() {
        if (fast != null) {
            fast.cancel();
        }
        api.close();
    }

    @Test
    void aClientThatNeverReadsDoesNotDelayAnotherAndIsClosedWhenItsBacklogOverflows() throws IOException {
        String projectId = api.createProject(api.bobToken, "busy");
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", api.server.port()));
            OutputStream request = slow.getOutputStream();
            request.write(("GET /api/events/" + projectId + "?token=" + api.issue(TokenKind.SSE, api.bob, projectId)
                    + " HTTP/1.1\r\nHost: 127.0.0.1:" + api.server.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 1);
            List<String> received = new CopyOnWriteArrayList<>();
            Request fastRequest = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token="
                    + api.issue(TokenKind.SSE, api.bob, projectId))).build();
            fast = EventSources.createFactory(api.client.http()).newEventSource(fastRequest, new EventSourceListener() {
                @Override
                public void onEvent(EventSource source, String id, String type, String data) {
                    received.add(id);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 2);

            String filler = "x".repeat(1_000); // ~20 MB in all: far more than the slow socket's buffers hold
            for (int sent = 0; sent < EVENTS; sent += STEP) {
                for (int i = 0; i < STEP; i++) {
                    api.publish(new LogMessage(projectId, "info", "n " + (sent + i) + " " + filler, null));
                }
                int expected = sent + STEP;
                // the reading client keeps up, step by step, however full the other's socket is
                await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == expected);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> api.server.openEventStreams() == 1);
            assertThat(received).hasSize(EVENTS);
            assertThat(api.subscriberCount(projectId)).isEqualTo(1);
        }
    }
}
