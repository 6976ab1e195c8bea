package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.testing.FakeAnthropicServer;
import org.orchestration.core.testing.MapToolCatalog;
import org.orchestration.core.testing.PerTokenPriceBook;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * The real {@link AnthropicProvider} (anthropic-java over OkHttp) and the real {@link Executor}
 * against a {@link FakeAnthropicServer} that answers each call at random with a 429 (with
 * {@code retry-after}), a 529, a 500, no answer at all (a timeout), a body cut off mid-way,
 * malformed JSON, or a good reply. The run must end by itself in bounded time with every task
 * COMPLETED or FAILED with a visible reason, nothing left RUNNING and nothing left reserved.
 */
class ProviderFaultsTest {

    private static final String MODEL = FakeAnthropicServer.DEFAULT_MODEL;
    private static final List<String> EVERY_FAULT = List.of("429", "529", "500", "timeout", "truncated", "malformed");

    @TempDir
    Path dir;

    @Test
    void aRunThroughRandomProviderFaultsEndsWithEveryTaskDoneOrVisiblyFailed() throws Exception {
        run(16, Duration.ofSeconds(90));
    }

    @Tag("long")
    @Test
    void aLongRunThroughRandomProviderFaultsEndsToo() throws Exception {
        run(150, Duration.ofMinutes(10));
    }

    private void run(int taskCount, Duration bound) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        Clock clock = Clock.systemDefaultZone();
        AppConfig config = TestConfig.withBudget(TestConfig.withExecution(TestConfig.defaults(dir),
                TestConfig.execution(4, 3, 3, 5, true, Duration.ofSeconds(2))), 1_000, 10_000);
        try (FakeAnthropicServer fake = FakeAnthropicServer.start();
             HttpClients http = new HttpClients();
             Database db = TestDb.open(dir);
             ProgressBus bus = new ProgressBus(db, clock, 10)) {
            fake.server().setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    int n = calls.getAndIncrement(); // the first calls meet every fault once, then chance decides
                    String fault = n < EVERY_FAULT.size() ? EVERY_FAULT.get(n) : pick(random);
                    injected.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
                    return response(fault);
                }
            });
            SettingsStore settings = new SettingsStore(db, clock);
            settings.put("execution.retry_base_ms", 5); // ExecutionSettings.RETRY_BASE_MS (package-private)
            BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
            User owner = TestDb.insertUser(db, Role.USER);
            TaskGraphFixture g = new TaskGraphFixture(db, owner).route(AnthropicProvider.ID, MODEL);
            for (int t = 0; t < taskCount; t++) {
                g.task("F" + t).add();
            }
            long started = System.nanoTime();
            try (AnthropicProvider provider = new AnthropicProvider(http, fake.config("sk-test", Duration.ofSeconds(1)));
                 Executor executor = new Executor(db, settings, config, clock, Map.of(AnthropicProvider.ID, provider),
                         new PerTokenPriceBook().price(MODEL, 1, 1), new MapToolCatalog(MapToolCatalog.echo()), budget, bus)) {
                executor.start(owner, g.projectId());
                await().atMost(bound).until(() -> List.of("COMPLETED", "FAILED")
                        .contains(db.queryOne("SELECT status FROM projects WHERE id = ?", rs -> rs.getString(1), g.projectId()).orElse("")));
                await().atMost(Duration.ofSeconds(10)).until(() -> executor.runningCount() == 0);
            }
            System.out.printf("provider faults: %d tasks in %d ms, injected %s (seed %d)%n", taskCount,
                    (System.nanoTime() - started) / 1_000_000, injected, seed);

            assertThat(db.query("SELECT DISTINCT status FROM tasks", rs -> rs.getString(1))).as("seed %d", seed)
                    .isSubsetOf("COMPLETED", "FAILED");
            assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE status = 'FAILED' AND (error IS NULL OR trim(error) = '')"))
                    .as("failed tasks without a reason (seed %d)", seed).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM tasks WHERE status = 'COMPLETED'")).as("seed %d", seed).isPositive();
            assertThat(injected.keySet()).as("faults injected (seed %d)", seed).containsAll(EVERY_FAULT);
            assertThat(budget.reservedMicros()).isZero();
            assertThat(db.queryLong("SELECT count(*) - count(DISTINCT idempotency_key) FROM usage_log")).isZero();
            db.query("SELECT error, count(*) FROM tasks WHERE status = 'FAILED' GROUP BY error",
                    rs -> rs.getString(1) + " x" + rs.getLong(2)).forEach(e -> System.out.println("provider faults: failed: " + e));
        }
    }

    private static String pick(Random random) {
        int dice;
        synchronized (random) {
            dice = random.nextInt(100);
        }
        if (dice < 15) {
            return "429";
        } else if (dice < 23) {
            return "529";
        } else if (dice < 31) {
            return "500";
        } else if (dice < 35) {
            return "timeout";
        } else if (dice < 40) {
            return "truncated";
        } else if (dice < 45) {
            return "malformed";
        }
        return "ok";
    }

    private static MockResponse response(String fault) {
        return switch (fault) {
            case "429" -> error(429, "rate_limit_error").setHeader("retry-after", "1");
            case "529" -> error(529, "overloaded_error");
            case "500" -> error(500, "api_error");
            case "timeout" -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            case "truncated" -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(okBody()).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
            case "malformed" -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody("{\"id\":\"msg_x\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"cut");
            default -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(okBody());
        };
    }

    private static MockResponse error(int status, String type) {
        ObjectNode body = Json.mapper().createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", "Injected " + type);
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private static String okBody() {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("id", "msg_ok").put("type", "message").put("role", "assistant").put("model", MODEL);
        m.putArray("content").addObject().put("type", "text").put("text", "Done.");
        m.put("stop_reason", "end_turn").putNull("stop_sequence");
        m.putObject("usage").put("input_tokens", 10).put("output_tokens", 5)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        return m.toString();
    }
}
