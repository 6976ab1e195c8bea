package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetStatus;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.testing.ApiTestClient;
import org.orchestration.core.testing.ApiTestClient.Reply;
import org.orchestration.core.testing.WiredServices;

/**
 * Fifteen projects executed at once through the real API on the real engine, against a model
 * server that takes a while to answer, under a daily limit that covers only a few of them. A
 * watcher samples the budget throughout: spent + reserved is never above the limit, and at the
 * end the usage rows add up to no more than the limit while the projects that did not fit wait
 * for budget.
 */
class ConcurrentProjectsBudgetTest {

    private static final int PROJECTS = 15;
    private static final String PLAN_JSON = """
            {"summary": "One page", "tasks": [
              {"title": "Write the page", "description": "One short page", "task_type": "writing", "complexity": "simple", "depends_on": []}]}
            """;
    /**
     * Per task: 50 input and 2,000 output tokens, within a simple task's max_tokens of 2,048 (a reply
     * beyond max_tokens is impossible and would rightly break the bound); $0.01005 on the
     * simple-task model.
     */
    private static final TokenUsage TASK_USAGE = new TokenUsage(50, 2_000, 0, 0);
    private static final Duration MODEL_LATENCY = Duration.ofMillis(250);
    /** On top of the planning spend: room for a handful of tasks, not fifteen. */
    private static final long TASK_ALLOWANCE_MICROS = 60_000;

    @TempDir
    Path dir;
    private WiredServices s;
    private ApiClient api;

    @BeforeEach
    void start() {
        s = new WiredServices(dir);
        ApiServer server = s.startServer();
        api = new ApiClient(new ApiTestClient(server.baseUrl()));
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
    }

    @Test
    void fifteenProjectsRunAtOnceNeverSpendOrHoldMoreThanTheDailyLimit() throws Exception {
        User owner = s.user(Role.ADMIN);
        String token = s.auth.accessToken(owner);
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 200, 0, 0));
            projects.add(api.plannedAndApproved(token, "Site " + i, id -> s.planner.generatePlan(owner, id, CancellationToken.none())));
        }
        long dailyLimit = s.budget.snapshot().dailySpentMicros() + TASK_ALLOWANCE_MICROS;
        Reply limits = api.client.patch("/api/usage/budget", token, "{\"daily_limit_usd\":" + dailyLimit / 1_000_000.0 + "}");
        assertThat(limits.status()).as(limits.body()).isEqualTo(200);
        for (int i = 0; i < PROJECTS; i++) {
            s.anthropic.enqueueSlowText("A page.", TASK_USAGE, MODEL_LATENCY);
        }

        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger samples = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                BudgetStatus b = s.budget.snapshot();
                if (b.dailySpentMicros() + b.dailyReservedMicros() > b.dailyLimitMicros()) {
                    violations.add("spent " + b.dailySpentMicros() + " + reserved " + b.dailyReservedMicros() + " > " + b.dailyLimitMicros());
                }
                samples.incrementAndGet();
            }
        }, "budget-watcher");
        watcher.start();
        try {
            executeAllAtOnce(token, projects);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> settled() == PROJECTS);
        } finally {
            running.set(false);
            watcher.join(TimeUnit.SECONDS.toMillis(5));
        }

        long spent = s.db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log");
        assertThat(violations).isEmpty();
        assertThat(samples.get()).isPositive();
        assertThat(spent).isLessThanOrEqualTo(dailyLimit);
        assertThat(completed()).as("some projects fit the limit").isPositive();
        assertThat(completed()).as("and some did not (spent %d of %d)", spent, dailyLimit).isLessThan(PROJECTS);
        assertThat(s.budget.reservedMicros()).isZero();
    }

    private void executeAllAtOnce(String token, List<String> projects) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(PROJECTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> replies = new ArrayList<>();
            for (String id : projects) {
                replies.add(clients.submit(() -> {
                    go.await();
                    return api.client.post("/api/projects/" + id + "/execute", token, null).status();
                }));
            }
            go.countDown();
            for (Future<Integer> r : replies) {
                assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(202);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Tasks that are done or wait for budget with nothing held for them. */
    private long settled() {
        if (s.budget.reservedMicros() != 0) {
            return -1;
        }
        return s.db.queryLong("SELECT COUNT(*) FROM tasks WHERE status = 'COMPLETED' OR (status = 'PENDING' AND wait_reason = 'budget')");
    }

    private long completed() {
        return s.db.queryLong("SELECT COUNT(*) FROM tasks WHERE status = 'COMPLETED'");
    }

    /** The few API steps the test needs, over the real client. */
    private record ApiClient(ApiTestClient client) {

        /** Creates and approves a project through the API; {@code plan} plans it (the plan route is rate limited per user). */
        String plannedAndApproved(String token, String name, Consumer<String> plan) {
            Reply created = client.post("/api/projects", token, "{\"name\":\"" + name + "\",\"requirements\":\"A one-page site.\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            plan.accept(id);
            Reply approved = client.post("/api/projects/" + id + "/plan/approve", token, null);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            return id;
        }
    }
}
