package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.budget.BudgetStatus;
import org.orchestration.core.budget.Reservation;
import org.orchestration.core.budget.SpendRequest;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestDb;

/**
 * Many threads reserve, record and release against one real {@link BudgetManager} over SQLite
 * while a watcher samples its status: spent + reserved never exceeds the daily limit at any
 * sample, the limit is actually reached (402s happen), and at the end the spent figure equals the
 * sum of the usage rows with nothing left reserved.
 */
class BudgetReservationRaceTest {

    private static final long DAILY_LIMIT_MICROS = 2_000_000; // $2

    @TempDir
    Path dir;

    @Test
    void concurrentReservationsNeverOverspendAndSpendEqualsTheUsageRows() throws Exception {
        race(8, 150);
    }

    @Tag("long")
    @Test
    void aLongConcurrentRunNeverOverspendsEither() throws Exception {
        race(16, 3_000);
    }

    private void race(int threads, int opsPerThread) throws Exception {
        Clock clock = Clock.systemDefaultZone();
        try (Database db = TestDb.open(dir); ProgressBus bus = new ProgressBus(db, clock, 10)) {
            BudgetManager budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock,
                    new AppConfig.Budget(DAILY_LIMIT_MICROS / 1_000_000.0, 1_000.0));
            User user = TestDb.insertUser(db, Role.USER);
            String project = TaskGraphFixture.insertProject(db, user, "RUNNING");

            AtomicBoolean running = new AtomicBoolean(true);
            List<String> violations = new CopyOnWriteArrayList<>();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            AtomicInteger refusals = new AtomicInteger();
            AtomicInteger replays = new AtomicInteger();
            AtomicLong recordedByUs = new AtomicLong();
            AtomicInteger samples = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                while (running.get()) {
                    BudgetStatus s = budget.snapshot();
                    samples.incrementAndGet();
                    if (s.dailySpentMicros() + s.dailyReservedMicros() > s.dailyLimitMicros()) {
                        violations.add("spent " + s.dailySpentMicros() + " + reserved " + s.dailyReservedMicros()
                                + " > limit " + s.dailyLimitMicros());
                    }
                }
            }, "budget-watcher");
            watcher.start();

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < opsPerThread; i++) {
                        long amount = 1 + random.nextLong(40_000);
                        Reservation r;
                        try {
                            r = budget.reserve(new SpendRequest(user.id(), project, amount));
                        } catch (BudgetExceededException refused) {
                            refusals.incrementAndGet();
                            continue;
                        }
                        try {
                            if (random.nextInt(4) == 0) {
                                budget.release(r);
                            } else {
                                long actual = random.nextLong(amount + 1); // a call costs at most what was reserved
                                String key = "race:" + thread + ":" + i;
                                UsageRecord u = new UsageRecord(key, user.id(), project, null, Purpose.TASK, "simulated", "sim-1",
                                        new TokenUsage(actual, 0, 0, 0), actual);
                                if (budget.record(r, u)) {
                                    recordedByUs.addAndGet(actual);
                                }
                                if (random.nextInt(10) == 0 && !budget.record(null, u)) {
                                    replays.incrementAndGet(); // a replayed call never counts twice
                                }
                            }
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            running.set(false);
            watcher.join();

            long rows = db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log");
            BudgetStatus end = budget.snapshot();
            assertThat(unexpected).isEmpty();
            assertThat(violations).as("samples where spent + reserved > limit (of %d)", samples.get()).isEmpty();
            assertThat(refusals.get()).as("the limit was reached").isPositive();
            assertThat(rows).isEqualTo(recordedByUs.get()).isLessThanOrEqualTo(DAILY_LIMIT_MICROS);
            assertThat(end.dailySpentMicros()).isEqualTo(rows);
            assertThat(budget.reservedMicros()).isZero();
            assertThat(db.queryLong("SELECT count(*) - count(DISTINCT idempotency_key) FROM usage_log")).isZero();
        }
    }
}
