package org.orchestration.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.testing.MutableClock;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestConfig;
import org.orchestration.core.testing.TestDb;

/**
 * A usage row recorded inside a transaction that is still open is invisible to a reload of the
 * spent sums: its reservation must keep covering it until the commit. Each test holds the
 * recording transaction open on a second thread (the reserving thread only reads, through read
 * connections, so it never waits for that transaction; every wait has a timeout so a regression
 * fails instead of hanging), forces a reload (clock +31 s) or a rollover, and tries a second
 * reservation that fits only if the first cost were forgotten.
 */
class BudgetInFlightCostTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final long NINETY_CENTS = 900_000;
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path dir;
    Database db;
    MutableClock clock;
    ProgressBus bus;
    BudgetManager budget;
    User user;
    User admin;
    String project;
    ExecutorService recorder;

    @BeforeEach
    void setUp() {
        db = TestDb.open(dir);
        clock = new MutableClock(Instant.parse("2026-03-10T12:00:00Z"), ZONE);
        bus = new ProgressBus(db, clock, 10);
        budget = new BudgetManager(db, new SettingsStore(db, clock), bus, clock,
                TestConfig.withBudget(TestConfig.defaults(dir), 1.0, 10.0).budget());
        user = TestDb.insertUser(db, Role.USER);
        admin = TestDb.insertUser(db, Role.ADMIN);
        project = TaskGraphFixture.insertProject(db, user, "RUNNING");
        recorder = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        recorder.shutdownNow();
        bus.close();
        db.close();
    }

    @Test
    void aReloadWhileTheRecordingTransactionIsOpenStillCountsTheCost() throws Exception {
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inTransaction, () -> clock.advance(Duration.ofSeconds(31)));
    }

    @Test
    void aReloadDuringANestedRecordingTransactionStillCountsTheCost() throws Exception {
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inNestedTransaction,
                () -> clock.advance(Duration.ofSeconds(31)));
    }

    @Test
    void aReloadDuringAGroupCommitStillCountsTheCost() throws Exception {
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inGroupTransaction, () -> clock.advance(Duration.ofSeconds(31)));
    }

    @Test
    void aDayRolloverWhileTheRecordingTransactionIsOpenStillCountsTheCost() throws Exception {
        clock.set(Instant.parse("2026-03-10T22:59:50Z")); // 23:59:50 in Berlin
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inTransaction, () -> clock.advance(Duration.ofSeconds(20)));
    }

    @Test
    void aMonthRolloverWhileTheRecordingTransactionIsOpenStillCountsTheCost() throws Exception {
        budget.setLimits(admin, 100.0, 1.0); // the monthly limit is the one that binds
        clock.set(Instant.parse("2026-03-31T21:59:50Z")); // 23:59:50 on 31 March in Berlin
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inTransaction, () -> clock.advance(Duration.ofSeconds(20)));
    }

    @Test
    void aReloadWhileTheRecordingTransactionIsOpenStillCountsTheCostAgainstTheProjectCap() throws Exception {
        budget.setLimits(admin, 100.0, 100.0);
        budget.setProjectLimit(user, project, 1_000_000L);
        assertSecondReservationRefusedWhileOpen(NINETY_CENTS, this::inTransaction, () -> clock.advance(Duration.ofSeconds(31)));
    }

    @Test
    void aCostAboveItsReservationIsHeldInFullUntilTheCommit() throws Exception {
        // reserved $0.10 but the call cost $0.90: the uncommitted cost, not the reservation, must be held
        Reservation first = budget.reserve(new SpendRequest(user.id(), project, 100_000));
        CountDownLatch open = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> tx = recorder.submit(() -> inTransaction(() -> {
            budget.record(first, usage("first", NINETY_CENTS));
            open.countDown();
            await(finish);
        }));
        await(open);
        clock.advance(Duration.ofSeconds(31));
        assertThat(budget.reservedMicros()).isEqualTo(NINETY_CENTS);
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), project, 200_000)))
                .isInstanceOf(BudgetExceededException.class);
        finish.countDown();
        tx.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(budget.reservedMicros()).isZero();
        assertThat(budget.snapshot().dailySpentMicros()).isEqualTo(NINETY_CENTS);
    }

    @Test
    void aRolledBackRecordingKeepsItsReservationUntilReleased() {
        Reservation r = budget.reserve(new SpendRequest(user.id(), project, NINETY_CENTS));
        assertThatThrownBy(() -> db.inTransaction(() -> {
            budget.record(r, usage("rolled-back", NINETY_CENTS));
            throw new IllegalStateException("the rest of the transaction failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(budget.reservedMicros()).isEqualTo(NINETY_CENTS);
        assertThat(budget.snapshot().dailySpentMicros()).isZero();
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), project, NINETY_CENTS)))
                .isInstanceOf(BudgetExceededException.class);

        budget.release(r);
        assertThat(budget.reservedMicros()).isZero();
        assertThat(db.queryLong("SELECT COUNT(*) FROM usage_log")).isZero();
    }

    @Test
    void aRolledBackGroupSavepointKeepsItsReservationUntilReleased() throws Exception {
        Reservation r = budget.reserve(new SpendRequest(user.id(), project, NINETY_CENTS));
        CompletableFuture<Object> done = db.submitGroupTransaction(() -> {
            budget.record(r, usage("rolled-back", NINETY_CENTS));
            throw new IllegalStateException("the rest of the work failed");
        });
        assertThatThrownBy(() -> done.get(WAIT_SECONDS, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);

        assertThat(budget.reservedMicros()).isEqualTo(NINETY_CENTS);
        budget.release(r);
        assertThat(budget.reservedMicros()).isZero();
    }

    @Test
    void aRecordingWithoutATransactionCountsAtOnce() {
        Reservation r = budget.reserve(new SpendRequest(user.id(), project, NINETY_CENTS));
        budget.record(r, usage("autocommit", 500_000));
        assertThat(budget.reservedMicros()).isZero();
        assertThat(budget.snapshot().dailySpentMicros()).isEqualTo(500_000);
    }

    /**
     * Reserves and records {@code cost} inside a transaction opened by {@code opener} on the
     * recorder thread, runs {@code meanwhile} (a reload or rollover), and checks that a second
     * reservation of the same size is refused while the transaction is open, that the commit
     * counts the cost once and releases the hold.
     */
    private void assertSecondReservationRefusedWhileOpen(long cost, Consumer<Runnable> opener, Runnable meanwhile) throws Exception {
        Reservation first = budget.reserve(new SpendRequest(user.id(), project, cost));
        CountDownLatch open = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<?> tx = recorder.submit(() -> opener.accept(() -> {
            budget.record(first, usage("first", cost));
            open.countDown();
            await(finish);
        }));
        try {
            await(open);
            meanwhile.run();
            assertThat(budget.snapshot().dailySpentMicros() + budget.reservedMicros()).isGreaterThanOrEqualTo(cost);
            assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), project, cost)))
                    .isInstanceOf(BudgetExceededException.class);
        } finally {
            finish.countDown();
        }
        tx.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(budget.reservedMicros()).isZero();
        assertThatThrownBy(() -> budget.reserve(new SpendRequest(user.id(), project, cost)))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log")).isEqualTo(cost);
    }

    private void inTransaction(Runnable work) {
        db.inTransaction(work::run);
    }

    private void inNestedTransaction(Runnable work) {
        db.inTransaction(() -> db.inTransaction(work::run));
    }

    private void inGroupTransaction(Runnable work) {
        db.inGroupTransaction(() -> {
            work.run();
            return null;
        });
    }

    private UsageRecord usage(String key, long cost) {
        return new UsageRecord(key, user.id(), project, null, Purpose.TASK, "simulated", "sim-1", new TokenUsage(10, 5, 0, 0), cost);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other thread");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
