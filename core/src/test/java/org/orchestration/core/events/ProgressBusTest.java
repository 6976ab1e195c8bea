package org.orchestration.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TestDb;

class ProgressBusTest {

    @TempDir
    Path dir;
    Database db;
    ProgressBus bus;
    User owner;
    User other;
    String project;

    @BeforeEach
    void setUp() {
        db = TestDb.open(dir);
        bus = new ProgressBus(db, Clock.systemUTC(), 10);
        owner = TestDb.insertUser(db, Role.USER);
        other = TestDb.insertUser(db, Role.USER);
        project = TaskGraphFixture.insertProject(db, owner, "READY");
    }

    @AfterEach
    void tearDown() {
        bus.close();
        db.close();
    }

    @Test
    void aPublishedEventIsStoredWithItsIdAndDeliveredToSubscribers() {
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, got::add);
        StoredEvent e = bus.publish(TaskStatusChanged.of(project, "t1", null, TaskStatus.RUNNING, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertThat(got.get(0).id()).isEqualTo(e.id());
        assertThat(((TaskStatusChanged) got.get(0).event()).status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE id = ? AND type = 'task.status'", e.id())).isEqualTo(1);
    }

    @Test
    void anEventOfARolledBackTransactionIsNeitherStoredNorDelivered() {
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, got::add);
        assertThatThrownBy(() -> db.inTransaction(() -> {
            bus.publish(TaskStatusChanged.of(project, "t1", null, TaskStatus.RUNNING, null));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        note(project, "marker");
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertThat(label(got.get(0))).isEqualTo("marker");
        assertThat(db.queryLong("SELECT count(*) FROM events")).isEqualTo(1);
    }

    @Test
    void directSubscribersGetEveryEventWithoutAThreadOfTheirOwn() {
        long threadsBefore = busThreads();
        List<List<StoredEvent>> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<StoredEvent> mine = new CopyOnWriteArrayList<>();
            got.add(mine);
            bus.subscribeDirect(owner, project, mine::add);
        }

        StoredEvent e = bus.publish(new LogMessage(project, "info", "n " + 1, null));

        assertThat(got).allSatisfy(events -> assertThat(events).extracting(StoredEvent::id).containsExactly(e.id()));
        assertThat(busThreads()).isLessThanOrEqualTo(threadsBefore);
        assertThatThrownBy(() -> bus.subscribeDirect(owner, project, x -> { })).isInstanceOf(ConflictException.class);
    }

    @Test
    void aClosedDirectSubscriberGetsNothingMore() {
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        Subscription sub = bus.subscribeDirect(owner, project, got::add);
        sub.close();

        bus.publish(new LogMessage(project, "info", "n " + 1, null));

        assertThat(got).isEmpty();
        assertThat(bus.subscriberCount(project)).isZero();
    }

    private static final BudgetWarning WARNING = new BudgetWarning("daily", "2025-01-01", 80, 8_000_000, 10_000_000,
            "budget.warning");

    /** A marker event: a log line whose message is {@code text}. */
    private StoredEvent note(String projectId, String text) {
        return bus.publish(new LogMessage(projectId, "info", text, null));
    }

    /** A marker's text, or the wire name of any other event. */
    private static String label(StoredEvent e) {
        return e.event() instanceof LogMessage m ? m.message() : EventJson.type(e.event());
    }

    private static long busThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("events-")).count();
    }

    @Test
    void theEleventhSubscriberOfAProjectIsRefused() {
        List<Subscription> subs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            subs.add(bus.subscribe(owner, project, e -> { }));
        }
        assertThatThrownBy(() -> bus.subscribe(owner, project, e -> { }))
                .isInstanceOf(ConflictException.class).hasMessageContaining("10 live subscribers");
        subs.get(0).close();
        bus.subscribe(owner, project, e -> { });
        assertThat(bus.subscriberCount(project)).isEqualTo(10);
    }

    @Test
    void closingTheLastSubscriberRemovesTheProjectsList() {
        Subscription a = bus.subscribe(owner, project, e -> { });
        Subscription b = bus.subscribe(owner, project, e -> { });
        a.close();
        b.close();
        b.close();
        assertThat(bus.hasListFor(project)).isFalse();
        assertThat(bus.subscriberCount(project)).isZero();
    }

    @Test
    void aSlowSubscriberNeitherBlocksThePublisherNorOtherSubscribers() {
        CountDownLatch stuck = new CountDownLatch(1);
        Subscription slow = bus.subscribe(owner, project, e -> {
            try {
                stuck.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        List<StoredEvent> fast = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, fast::add);
        int n = ProgressBus.QUEUE_CAPACITY + 200;
        for (int i = 0; i < n; i++) {
            bus.publish(new TaskProgress(project, "t1", 1, i, 1, 1, 1, i)); // one commit each, as the executor does
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.size() == n);
        assertThat(slow.isLagging()).isTrue();
        assertThat(slow.droppedCount()).isGreaterThan(0);
        stuck.countDown();
    }

    @Test
    void replayReturnsTheEventsAfterTheGivenIdInOrder() {
        StoredEvent first = note(project, "a");
        note(project, "b");
        bus.publish(WARNING);
        note(project, "c");
        List<StoredEvent> missed = bus.replay(owner, project, first.id(), 100);
        assertThat(missed).extracting(ProgressBusTest::label).containsExactly("b", "c");
    }

    @Test
    void anotherUsersProjectCanNeitherBeFollowedNorReplayed() {
        assertThatThrownBy(() -> bus.subscribe(other, project, e -> { })).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> bus.replay(other, project, 0, 10)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> bus.subscribe(owner, "missing", e -> { })).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aUsersGlobalSubscriptionSeesOwnProjectsAndGlobalEventsOnly() {
        String othersProject = TaskGraphFixture.insertProject(db, other, "READY");
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribeAll(owner, got::add);
        note(othersProject, "hidden");
        note(project, "mine");
        bus.publish(WARNING);
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertThat(got).extracting(ProgressBusTest::label).containsExactly("mine", "budget.warning");
        assertThat(bus.replayAll(owner, 0, 100)).extracting(ProgressBusTest::label).containsExactly("mine", "budget.warning");
    }

    @Test
    void theOwnerCacheStaysBoundedAcrossManyProjectsAndFilteringStaysRight() {
        List<StoredEvent> got = new CopyOnWriteArrayList<>();
        bus.subscribeAll(owner, got::add);
        int projects = ProgressBus.OWNER_CACHE_SIZE + 200;
        String lastOthers = null;
        for (int i = 0; i < projects; i++) {
            String p = TaskGraphFixture.insertProject(db, i % 2 == 0 ? owner : other, "READY");
            note(p, i % 2 == 0 ? "mine" : "hidden");
            if (i % 2 == 1) {
                lastOthers = p;
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == projects / 2);
        assertThat(got).extracting(ProgressBusTest::label).containsOnly("mine");
        assertThat(bus.cachedOwners()).isLessThanOrEqualTo(ProgressBus.OWNER_CACHE_SIZE);

        // an owner dropped from the cache is looked up again: the old first project still filters correctly
        note(project, "mine-again");
        note(lastOthers, "hidden-again");
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == projects / 2 + 1);
        assertThat(label(got.get(got.size() - 1))).isEqualTo("mine-again");
    }
}
