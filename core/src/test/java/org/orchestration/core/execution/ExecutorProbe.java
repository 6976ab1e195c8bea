package org.orchestration.core.execution;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.testing.MapToolCatalog;
import org.orchestration.core.testing.PerTokenPriceBook;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TaskScriptProvider;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * A throwaway measuring harness (not a test, not a benchmark): runs N independent zero-latency
 * tasks and a chain through the real Executor + BudgetManager + ProgressBus over a real SQLite
 * file and prints tasks/s, statements per task and dispatch latency. Run with
 * {@code java -cp <core classes + test classes + deps> org.orchestration.core.execution.ExecutorProbe [N] [chain] [slots]}.
 */
public final class ExecutorProbe {

    private ExecutorProbe() {
    }

    /** Zero-latency provider that remembers when each task's call started and ended (nanos). */
    static final class TimedProvider implements ChatProvider {
        final Map<String, Long> startNanos = new ConcurrentHashMap<>();
        final Map<String, Long> endNanos = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "simulated";
        }

        @Override
        public String displayName() {
            return "Timed";
        }

        @Override
        public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
            String title = TaskScriptProvider.taskTitle(request);
            startNanos.putIfAbsent(title, System.nanoTime());
            ChatResponse r = TaskScriptProvider.text("ok " + title);
            endNanos.put(title, System.nanoTime());
            return r;
        }
    }

    record Engine(Path dir, Database db, ProgressBus bus, Executor executor, TimedProvider provider, User owner) implements AutoCloseable {
        @Override
        public void close() {
            executor.close();
            bus.close();
            db.close();
        }
    }

    static Engine open(int slots, boolean free) throws Exception {
        Path dir = Files.createTempDirectory("probe");
        Clock clock = Clock.systemDefaultZone();
        Database db = TestDb.open(dir);
        AppConfig config = TestConfig.withBudget(TestConfig.withExecution(TestConfig.defaults(dir),
                TestConfig.execution(slots, 2, 3, 10, true, Duration.ofSeconds(5))), 1_000_000, 10_000_000);
        SettingsStore settings = new SettingsStore(db, clock);
        ProgressBus bus = new ProgressBus(db, clock, 10);
        BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
        TimedProvider provider = new TimedProvider();
        PerTokenPriceBook prices = new PerTokenPriceBook().price("sim-1", free ? 0 : 1, free ? 0 : 1);
        Executor executor = new Executor(db, settings, config, clock, Map.of("simulated", provider), prices,
                new MapToolCatalog(MapToolCatalog.echo()), budget, bus);
        User owner = TestDb.insertUser(db, Role.USER);
        return new Engine(dir, db, bus, executor, provider, owner);
    }

    /** Polls every 2 ms; returns the number of statements the polling itself ran. */
    static long awaitStatus(Database db, String projectId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        CountDownLatch never = new CountDownLatch(1);
        long polls = 0;
        while (System.nanoTime() < deadline) {
            polls++;
            String s = db.queryOne("SELECT status FROM projects WHERE id = ?", rs -> rs.getString(1), projectId).orElse("");
            if (s.equals(status)) {
                return polls;
            }
            never.await(2, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("project did not reach " + status);
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    static void independent(int n, int slots, boolean free) throws Exception {
        try (Engine e = open(slots, free)) {
            TaskGraphFixture g = new TaskGraphFixture(e.db(), e.owner());
            for (int i = 0; i < n; i++) {
                g.task("T" + i).add();
            }
            long before = e.db().statementCount();
            long commits0 = e.db().commitCount();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            e.executor().start(e.owner(), g.projectId());
            long polls = awaitStatus(e.db(), g.projectId(), "COMPLETED");
            long t1 = System.nanoTime();
            long cpu = cpuNanos() - cpu0;
            long stmts = e.db().statementCount() - before - polls;
            double secs = (t1 - t0) / 1e9;
            System.out.printf("independent n=%d slots=%d free=%s: %.0f tasks/s (%.2f s), %.1f statements/task, %.2f commits/task, "
                            + "%.0f us CPU/task, load %s%n", n, slots, free, n / secs, secs, stmts / (double) n,
                    (e.db().commitCount() - commits0) / (double) n, cpu / 1e3 / n, load());
        }
    }

    static void chain(int n, int slots) throws Exception {
        try (Engine e = open(slots, false)) {
            TaskGraphFixture g = new TaskGraphFixture(e.db(), e.owner());
            String prev = null;
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                prev = prev == null ? g.task("C" + i).add() : g.task("C" + i).deps(prev).add();
                ids.add(prev);
            }
            long before = e.db().statementCount();
            long t0 = System.nanoTime();
            e.executor().start(e.owner(), g.projectId());
            long polls = awaitStatus(e.db(), g.projectId(), "COMPLETED");
            long t1 = System.nanoTime();
            long stmts = e.db().statementCount() - before - polls;
            // call end of C(i) -> call start of C(i+1): completion transaction + dispatch + load + reserve + markRunning
            double[] callGap = new double[n - 1];
            for (int i = 0; i + 1 < n; i++) {
                callGap[i] = (e.provider().startNanos.get("C" + (i + 1)) - e.provider().endNanos.get("C" + i)) / 1e6;
            }
            // completed_at of C(i) -> started_at of C(i+1), as stored (ms resolution)
            double[] stored = new double[n - 1];
            for (int i = 0; i + 1 < n; i++) {
                long done = e.db().queryLong("SELECT completed_at FROM tasks WHERE id = ?", ids.get(i));
                long start = e.db().queryLong("SELECT started_at FROM tasks WHERE id = ?", ids.get(i + 1));
                stored[i] = start - done;
            }
            System.out.printf("chain n=%d slots=%d: %.0f tasks/s, %.1f statements/task; call-to-call gap p50 %.2f ms p99 %.2f ms max %.2f;"
                            + " stored completed_at->started_at p50 %.0f ms p99 %.0f ms; load %s%n",
                    n, slots, n / ((t1 - t0) / 1e9), stmts / (double) n, pct(callGap, 50), pct(callGap, 99), pct(callGap, 100),
                    pct(stored, 50), pct(stored, 99), load());
        }
    }

    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int chain = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        // warm-up (JIT), then measured rounds
        independent(500, slots, false);
        chain(100, slots);
        for (int r = 0; r < rounds; r++) {
            independent(n, slots, false);
            independent(n, slots, true);
            chain(chain, slots);
        }
    }
}
