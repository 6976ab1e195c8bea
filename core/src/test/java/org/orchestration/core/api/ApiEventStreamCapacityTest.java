package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.api.ApiOptions.StreamLimits;
import org.orchestration.core.auth.User;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;

/**
 * Event streams hold no request thread: hundreds of them open leave the other routes answering
 * and Jetty's thread count flat; the per-user and total caps refuse the next stream as JSON.
 */
class ApiEventStreamCapacityTest {

    private static final int PROJECTS = 25;
    private static final int STREAMS_PER_PROJECT = 10;

    private ApiTestFixture api;
    private OkHttpClient streams;
    private final List<EventSource> sources = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();

    @AfterEach
    void stop() {
        sources.forEach(EventSource::cancel);
        if (api != null) {
            api.close();
        }
    }

    private void start(StreamLimits limits) {
        api = new ApiTestFixture(o -> o.withHeartbeatInterval(Duration.ofMillis(500)).withStreamLimits(limits),
                STREAMS_PER_PROJECT);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1_000);
        dispatcher.setMaxRequestsPerHost(1_000);
        streams = api.client.http().newBuilder().dispatcher(dispatcher).build();
    }

    @Test
    void twoHundredFiftyOpenStreamsLeaveOtherRoutesAnsweringAndJettysThreadCountFlat() {
        start(new StreamLimits(STREAMS_PER_PROJECT, PROJECTS * STREAMS_PER_PROJECT));
        List<String[]> owners = new ArrayList<>(); // {sse-capable user's access token, project id}
        List<User> users = new ArrayList<>();
        for (int p = 0; p < PROJECTS; p++) {
            User user = api.addUser("user" + p + "@example.com", "user-password");
            String token = api.issue(TokenKind.ACCESS, user, null);
            users.add(user);
            owners.add(new String[] {token, api.createProject(token, "project " + p)});
        }

        openStreams(users.get(0), owners.get(0)[1]);
        int threadsAtTen = httpThreads();
        for (int p = 1; p < PROJECTS; p++) {
            openStreams(users.get(p), owners.get(p)[1]);
        }
        int threadsAtAll = httpThreads();

        assertThat(api.server.openEventStreams()).isEqualTo(PROJECTS * STREAMS_PER_PROJECT);
        Reply openApi = api.client.get("/api/openapi.json", null);
        assertThat(openApi.status()).isEqualTo(200);
        Reply projects = api.client.get("/api/projects", owners.get(7)[0]);
        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.body()).contains(owners.get(7)[1]);
        // The old one-thread-per-stream handler needed one more thread per added stream (and ran
        // out); now the pool grows, if at all, only with how many requests arrive at once.
        int addedStreams = (PROJECTS - 1) * STREAMS_PER_PROJECT;
        assertThat((double) (threadsAtAll - threadsAtTen) / addedStreams).isLessThan(0.1);
    }

    @Test
    void aUsersStreamBeyondThePerUserLimitIsRefusedWith429NamingTheLimit() {
        start(new StreamLimits(2, 10));
        String project = api.createProject(api.bobToken, "mine");
        openStreams(api.bob, project, 2);

        Reply refused = api.client.get("/api/events/" + project + "?token=" + sseToken(api.bob, project), null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.detail()).contains("2 open event streams").contains("per-user limit");
        assertThat(api.subscriberCount(project)).isEqualTo(2);
    }

    @Test
    void aStreamBeyondTheTotalLimitIsRefusedWith503NamingTheLimit() {
        start(new StreamLimits(2, 3));
        String bobs = api.createProject(api.bobToken, "bob's");
        String alices = api.createProject(api.aliceToken, "alice's");
        openStreams(api.bob, bobs, 2);
        openStreams(api.alice, alices, 1);

        Reply refused = api.client.get("/api/events/" + alices + "?token=" + sseToken(api.alice, alices), null);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.detail()).contains("3 open event streams").contains("total limit");
        assertThat(api.subscriberCount(alices)).isEqualTo(1);
    }

    @Test
    void aClosedStreamFreesItsPlaceUnderTheLimit() {
        start(new StreamLimits(1, 10));
        String project = api.createProject(api.bobToken, "mine");
        openStreams(api.bob, project, 1);
        sources.get(0).cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> api.server.openEventStreams() == 0);

        openStreams(api.bob, project, 1);

        assertThat(api.server.openEventStreams()).isEqualTo(1);
    }

    private void openStreams(User user, String projectId) {
        openStreams(user, projectId, STREAMS_PER_PROJECT);
    }

    /** Opens {@code n} streams and waits until each has its 200 (so the server holds them all). */
    private void openStreams(User user, String projectId, int n) {
        int target = opened.get() + n;
        for (int i = 0; i < n; i++) {
            Request request = new Request.Builder()
                    .url(api.client.url("/api/events/" + projectId + "?token=" + sseToken(user, projectId))).build();
            sources.add(EventSources.createFactory(streams).newEventSource(request, new EventSourceListener() {
                @Override
                public void onOpen(EventSource source, Response response) {
                    opened.incrementAndGet();
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> opened.get() == target);
    }

    private String sseToken(User user, String projectId) {
        return api.issue(TokenKind.SSE, user, projectId);
    }

    /** Live threads of Jetty's request pool. */
    private static int httpThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(ApiServer.HTTP_THREAD_NAME)).count();
    }
}
