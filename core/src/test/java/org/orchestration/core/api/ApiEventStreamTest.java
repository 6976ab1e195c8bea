package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.json.Json;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.SeenEvents;

class ApiEventStreamTest {

    private ApiTestFixture api;
    private String projectId;
    private final List<EventSource> sources = new ArrayList<>();

    @BeforeEach
    void start() {
        api = new ApiTestFixture(o -> o.withHeartbeatInterval(Duration.ofMillis(100)), 10);
        projectId = api.createProject(api.aliceToken, "streamed");
    }

    @AfterEach
    void stop() {
        sources.forEach(EventSource::cancel);
        api.close();
    }


    @Test
    void liveEventsArriveWithIdTypeAndJsonData() throws Exception {
        SeenEvents seen = openAndAwaitSubscription();

        StoredEvent published = api.publish(TaskStatusChanged.of(projectId, "t1", null, TaskStatus.RUNNING, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.events.size() == 1);
        String[] event = seen.events.get(0);
        assertThat(event[0]).isEqualTo(Long.toString(published.id()));
        assertThat(event[1]).isEqualTo("task.status");
        JsonNode data = Json.mapper().readTree(event[2]);
        assertThat(data.get("project_id").asText()).isEqualTo(projectId);
        assertThat(data.get("payload").get("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aClientThatReconnectsWithLastEventIdReceivesExactlyTheMissedEvents() {
        SeenEvents first = openAndAwaitSubscription();
        List<Long> sentWhileConnected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sentWhileConnected.add(api.publish(new LogMessage(projectId, "info", "n " + i, null)).id());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.size() == 3);
        sources.get(0).cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 0);

        List<Long> missed = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            missed.add(api.publish(new LogMessage(projectId, "info", "n " + i, null)).id());
        }
        SeenEvents second = open(first.ids().get(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.events.size() == 3);
        long live = api.publish(new LogMessage(projectId, "info", "n " + 6, null)).id();

        await().atMost(Duration.ofSeconds(5)).until(() -> second.events.size() >= 4);
        assertThat(first.ids()).isEqualTo(sentWhileConnected);
        List<Long> expected = new ArrayList<>(missed);
        expected.add(live);
        assertThat(second.ids()).isEqualTo(expected);
    }

    @Test
    void resumingWhileEventsAreBeingPublishedLeavesNoGapAndNoDuplicate() throws Exception {
        long resumeAfter = api.publish(new LogMessage(projectId, "info", "n " + -1, null)).id();
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                api.publish(new LogMessage(projectId, "info", "n " + i, null));
            }
        });
        publisher.start();
        SeenEvents seen = open(resumeAfter);
        publisher.join();
        long last = api.publish(new LogMessage(projectId, "info", "n " + "last", null)).id();

        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.events.isEmpty() && seen.ids().get(seen.ids().size() - 1) == last);
        List<Long> expected = LongStream.rangeClosed(resumeAfter + 1, last).boxed().toList();
        assertThat(seen.ids()).isEqualTo(expected);
    }

    @Test
    void aBrowserCanResumeWithTheLastEventIdQueryParameter() {
        long seen = api.publish(new LogMessage(projectId, "info", "n " + 1, null)).id();
        long missed = api.publish(new LogMessage(projectId, "info", "n " + 2, null)).id();
        Request request = new Request.Builder()
                .url(api.client.url("/api/events/" + projectId + "?token=" + sseToken() + "&last_event_id=" + seen)).build();
        SeenEvents resumed = new SeenEvents();
        sources.add(EventSources.createFactory(api.client.http()).newEventSource(request, resumed));

        await().atMost(Duration.ofSeconds(5)).until(() -> resumed.events.size() == 1);
        assertThat(resumed.ids()).containsExactly(missed);
    }

    @Test
    void eventsOfOtherProjectsAreNotSent() {
        String other = api.createProject(api.aliceToken, "other");
        SeenEvents seen = openAndAwaitSubscription();

        api.publish(new LogMessage(other, "info", "n " + 1, null));
        long mine = api.publish(new LogMessage(projectId, "info", "n " + 2, null)).id();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.events.size() == 1);
        assertThat(seen.ids()).containsExactly(mine);
    }

    @Test
    void theEleventhSubscriberOfAProjectIsRefusedWithAClearJsonError() {
        for (int i = 0; i < 10; i++) {
            open(null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.subscriberCount(projectId) == 10);

        Reply reply = api.client.get("/api/events/" + projectId + "?token=" + sseToken(), null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.detail()).contains("10 live subscribers");
    }

    @Test
    void aClosedClientIsUnsubscribedPromptly() {
        open(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 1);

        sources.get(0).cancel();

        await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 0);
        assertThat(api.server.openEventStreams()).isZero();
    }

    @Test
    void anIdleStreamSendsHeartbeatComments() throws IOException {
        Request request = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token=" + sseToken())).build();
        try (Response response = api.client.http().newCall(request).execute();
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.body().byteStream(), StandardCharsets.UTF_8))) {
            assertThat(response.header("Content-Type")).startsWith("text/event-stream");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
            int pings = 0;
            String line;
            while (pings < 2 && (line = reader.readLine()) != null) {
                if (line.equals(": ping")) {
                    pings++;
                }
            }
            assertThat(pings).isEqualTo(2);
        }
    }

    @Test
    void anSseTokenWorksUntilItExpiresAfterSixtySeconds() {
        String token = sseToken();
        api.clock.advance(Duration.ofSeconds(59));
        SeenEvents seen = open(null, token);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.open);
        sources.get(0).cancel();

        api.clock.advance(Duration.ofSeconds(2));

        assertThat(api.client.get("/api/events/" + projectId + "?token=" + token, null).status()).isEqualTo(401);
    }

    @Test
    void aMalformedLastEventIdIs400BeforeStreaming() {
        Request request = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token=" + sseToken()))
                .header("Last-Event-ID", "abc").build();

        Reply reply = api.client.send(request);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("Last-Event-ID");
        assertThat(api.subscriberCount(projectId)).isZero();
    }

    @Test
    void closingTheServerEndsOpenStreams() {
        SeenEvents seen = open(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == 1);

        api.server.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.ended);
        assertThat(api.subscriberCount(projectId)).isZero();
    }

    private String sseToken() {
        Reply reply = api.client.post("/api/events/" + projectId + "/token", api.aliceToken, null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(60);
        return reply.json().get("token").asText();
    }

    /** Opens a stream and waits until the server has subscribed it, so nothing published next is "before". */
    private SeenEvents openAndAwaitSubscription() {
        int before = api.subscriberCount(projectId);
        SeenEvents seen = open(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.subscriberCount(projectId) == before + 1);
        return seen;
    }

    private SeenEvents open(Long lastEventId) {
        return open(lastEventId, sseToken());
    }

    private SeenEvents open(Long lastEventId, String token) {
        Request.Builder request = new Request.Builder().url(api.client.url("/api/events/" + projectId + "?token=" + token));
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        SeenEvents seen = new SeenEvents();
        sources.add(EventSources.createFactory(api.client.http()).newEventSource(request.build(), seen));
        return seen;
    }
}
