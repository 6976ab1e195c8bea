package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.testing.PerTokenPriceBook;
import org.orchestration.core.testing.LoopbackAnthropicProvider;
import org.orchestration.core.testing.MapToolCatalog;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/** Cancel against a real loopback HTTP server speaking the Anthropic wire format. */
class HttpCancellationTest {

    @TempDir
    Path dir;
    MockWebServer server;
    Database db;
    ProgressBus bus;
    Executor executor;
    LoopbackAnthropicProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start();
        db = TestDb.open(dir);
        Clock clock = Clock.systemDefaultZone();
        AppConfig config = TestConfig.withExecution(TestConfig.defaults(dir), TestConfig.execution(2, 2, 2, 10, true, Duration.ofMillis(200)));
        SettingsStore settings = new SettingsStore(db, clock);
        bus = new ProgressBus(db, clock, 10);
        BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
        provider = new LoopbackAnthropicProvider(server.url("/").toString());
        executor = new Executor(db, settings, config, clock, Map.of("anthropic", provider),
                new PerTokenPriceBook().price("claude-test", 1, 5), new MapToolCatalog(), budget, bus);
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.close();
        bus.close();
        db.close();
        server.shutdown();
    }

    @Test
    void cancellingAProjectAbortsItsInFlightHttpCallWithinOneSecond() throws Exception {
        // the server reads the request and never answers, like a model that takes minutes
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        User owner = TestDb.insertUser(db, Role.USER);
        TaskGraphFixture g = new TaskGraphFixture(db, owner).route("anthropic", "claude-test");
        String task = g.task("Slow").add();
        executor.start(owner, g.projectId());
        assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.inFlight() == 1);

        executor.cancel(owner, g.projectId());

        await().atMost(Duration.ofSeconds(1)).until(() -> provider.inFlight() == 0 && executor.runningCount() == 0);
        assertThat(db.queryOne("SELECT status FROM tasks WHERE id = ?", rs -> rs.getString(1), task)).contains("CANCELLED");
        assertThat(db.queryLong("SELECT count(*) FROM usage_log")).isZero();
    }
}
