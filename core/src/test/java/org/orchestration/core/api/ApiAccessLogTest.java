package org.orchestration.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.testing.ApiTestFixture;
import org.orchestration.core.testing.ApiTestFixture.TokenKind;
import org.slf4j.LoggerFactory;

class ApiAccessLogTest {

    private ApiTestFixture api;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME),
            (Logger) LoggerFactory.getLogger(ApiErrors.class));

    @BeforeEach
    void start() {
        captured.start();
        loggers.forEach(l -> l.addAppender(captured));
        api = new ApiTestFixture();
    }

    @AfterEach
    void stop() {
        api.close();
        loggers.forEach(l -> l.detachAppender(captured));
    }

    @Test
    void accessLinesNameMethodPathAndStatusButNeverATokenOrQueryString() {
        String project = api.createProject(api.aliceToken, "logged");
        String sse = api.issue(TokenKind.SSE, api.alice, project);
        String refresh = api.issue(TokenKind.REFRESH, api.alice, null);

        api.client.get("/api/projects", api.aliceToken);
        api.client.get("/api/projects", "tampered" + api.aliceToken);
        api.client.get("/api/events/" + project + "?token=" + api.aliceToken, null);
        api.client.get("/api/events/" + project + "?token=" + sse + "x", null);
        api.client.get("/api/projects?token=" + api.aliceToken, null);
        api.client.post("/api/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
        api.failNextCallWith(new IllegalStateException("boom"));
        api.client.get("/api/projects/" + project, api.aliceToken);

        await().atMost(Duration.ofSeconds(5)).until(() -> accessLines().size() >= 8);
        assertThat(accessLines()).anySatisfy(line -> assertThat(line).isEqualTo("GET /api/projects 200"));
        assertThat(accessLines()).anySatisfy(line -> assertThat(line).startsWith("GET /api/events/" + project + " 401"));
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(text).doesNotContain(api.aliceToken).doesNotContain(sse).doesNotContain(refresh).doesNotContain("?");
        }
    }

    private List<String> accessLines() {
        return captured.list.stream().filter(e -> e.getLoggerName().equals(AccessLog.LOGGER_NAME))
                .map(e -> e.getFormattedMessage().replaceAll(" \\d+ms$", "")).toList();
    }
}
