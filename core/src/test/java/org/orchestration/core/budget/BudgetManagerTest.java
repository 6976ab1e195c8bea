package org.orchestration.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.testing.MutableClock;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

class BudgetManagerTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ProgressBus bus;
    BudgetManager budget;
    User admin;
    User user;

    @BeforeEach
    void setUp() {
        db = TestDb.open(dir);
        clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"), ZONE);
        bus = new ProgressBus(db, clock, 10);
        budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock,
                TestConfig.withBudget(TestConfig.defaults(dir), 1.0, 10.0).budget());
        admin = TestDb.insertUser(db, Role.ADMIN);
        user = TestDb.insertUser(db, Role.USER);
    }

    @AfterEach
    void tearDown() {
        bus.close();
        db.close();
    }

    private UsageRecord usage(String key, String projectId, long cost) {
        return new UsageRecord(key, user.id(), projectId, null, Purpose.TASK, "simulated", "sim-1",
                new TokenUsage(10, 5, 0, 0), cost);
    }

    private long usageSum() {
        return db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log");
    }

    @Test
    void hundredConcurrentReservationsNeverExceedTheLimit() throws Exception {
        long each = 30_000; // 100 x $0.03 = $3.00 against a $1.00 daily limit
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicBoolean overshoot = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                go.await();
                Reservation r;
                try {
                    r = budget.reserve(new SpendRequest(user.id(), null, each));
                } catch (BudgetExceededException e) {
                    return null;
                }
                admitted.incrementAndGet();
                BudgetStatus s = budget.snapshot();
                if (s.dailySpentMicros() + s.dailyReservedMicros() > s.dailyLimitMicros()) {
                    overshoot.set(true);
                }
                budget.record(r, usage("k" + n, null, each));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(overshoot).isFalse();
        assertThat(admitted.get()).isEqualTo(33);
        assertThat(usageSum()).isEqualTo(33 * each).isLessThanOrEqualTo(1_000_000);
        assertThat(budget.reservedMicros()).isZero();
    }

    @Test
    void aReservationThatWouldPassTheDailyLimitIsRefusedNamingIt() {
        budget.record(null, usage("a", null, 900_000));
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), null, 200_000)))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("daily budget of $1.00");
    }

    @Test
    void rolloverToTheNextLocalDayResetsDailySpend() {
        clock.set(Instant.parse("2026-03-10T22:30:00Z")); // 23:30 in Berlin
        budget.record(null, usage("a", null, 1_000_000));
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), null, 1))).isInstanceOf(BudgetExceededException.class);

        clock.set(Instant.parse("2026-03-10T23:00:01Z")); // 00:00:01 on the 11th in Berlin
        Reservation r = budget.reserve(new SpendRequest(user.id(), null, 500_000));
        assertThat(r.amountMicros()).isEqualTo(500_000);
        assertThat(budget.snapshot().dailySpentMicros()).isZero();
        assertThat(budget.snapshot().monthlySpentMicros()).isEqualTo(1_000_000);
    }

    @Test
    void rolloverToTheNextMonthResetsMonthlySpend() {
        clock.set(Instant.parse("2026-03-31T12:00:00Z"));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            budget.record(null, usage("m" + i, null, 1_000_000)); // record itself never refuses
        }
        assertThat(budget.snapshot().monthlySpentMicros()).isEqualTo(10_000_000);
        clock.set(Instant.parse("2026-04-01T08:00:00Z"));
        assertThat(budget.snapshot().monthlySpentMicros()).isZero();
        budget.reserve(new SpendRequest(user.id(), null, 1));
    }

    @Test
    void aReservationInFlightAtMidnightStillCountsInTheNewDay() {
        clock.set(Instant.parse("2026-03-10T22:59:00Z"));
        budget.reserve(new SpendRequest(user.id(), null, 800_000));
        clock.set(Instant.parse("2026-03-10T23:01:00Z"));
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), null, 300_000)))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void aLeakedReservationIsDroppedAtTheNextRollover() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        budget.reserve(new SpendRequest(user.id(), null, 900_000)); // never released
        clock.set(Instant.parse("2026-03-11T12:00:00Z"));
        budget.snapshot();
        assertThat(budget.reservedMicros()).isZero();
    }

    @Test
    void recordingTheSameIdempotencyKeyTwiceCountsOnce() {
        Reservation r = budget.reserve(new SpendRequest(user.id(), null, 10_000));
        assertThat(budget.record(r, usage("task:t:1:1", null, 10_000))).isTrue();
        assertThat(budget.record(r, usage("task:t:1:1", null, 10_000))).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM usage_log")).isEqualTo(1);
        assertThat(budget.snapshot().dailySpentMicros()).isEqualTo(10_000);
        assertThat(budget.reservedMicros()).isZero();
    }

    @Test
    void aFreeCallIsGrantedEvenWhenTheBudgetIsUsedUp() {
        budget.record(null, usage("over", null, 1_200_000));
        Reservation r = budget.reserve(new SpendRequest(user.id(), null, 0));
        assertThat(budget.record(r, usage("free", null, 0))).isTrue();
    }

    @Test
    void releaseGivesTheAmountBackAndIsIdempotent() {
        Reservation r = budget.reserve(new SpendRequest(user.id(), null, 600_000));
        budget.release(r);
        budget.release(r);
        assertThat(budget.reservedMicros()).isZero();
        budget.reserve(new SpendRequest(user.id(), null, 1_000_000));
    }

    @Test
    void aProjectLimitCapsThatProjectOnly() {
        String project = TaskGraphFixture.insertProject(db, user, "READY");
        budget.setProjectLimit(user, project, 100_000L);
        budget.record(null, usage("p1", project, 90_000));
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), project, 20_000)))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("project budget");
        budget.reserve(new SpendRequest(user.id(), null, 20_000));
    }

    @Test
    void warningsAt80And100PercentArePublishedOncePerPeriod() {
        budget.record(null, usage("w1", null, 850_000));
        budget.record(null, usage("w2", null, 10_000));
        budget.record(null, usage("w3", null, 200_000));
        budget.record(null, usage("w4", null, 1));
        List<String> thresholds = db.query("SELECT payload FROM events WHERE type = ? ORDER BY id",
                rs -> rs.getString(1), "budget.warning");
        assertThat(thresholds).hasSize(2); // daily 80 and daily 100; the monthly total stays under 80 %
        assertThat(thresholds.get(0)).contains("\"period\":\"daily\"").contains("\"thresholdPercent\":80");
        assertThat(thresholds.get(1)).contains("\"period\":\"daily\"").contains("\"thresholdPercent\":100");
    }

    @Test
    void onlyAnAdminMaySetTheLimits() {
        assertThatThrownBy(() -> budget.setLimits(user, 2, 20)).isInstanceOf(ForbiddenException.class);
        budget.setLimits(admin, 2, 20);
        assertThat(budget.limits()).isEqualTo(new BudgetLimits(2_000_000, 20_000_000));
    }

    @Test
    void aNegativeLimitIsRejectedNamingTheField() {
        assertThatThrownBy(() -> budget.setLimits(admin, -1, 20)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("dailyLimitUsd"));
    }

    @Test
    void raisingTheLimitTellsListenersThatBudgetMayBeFree() {
        AtomicInteger freed = new AtomicInteger();
        budget.onBudgetFreed(freed::incrementAndGet);
        budget.setLimits(admin, 3, 30);
        assertThat(freed.get()).isEqualTo(1);
    }
}
