package org.orchestration.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, got::add);
        Event e = bus.publish(project, "task.status", Map.of("taskId", "t1", "status", "RUNNING"));
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertThat(got.get(0).id()).isEqualTo(e.id());
        assertThat(got.get(0).payload().path("status").asText()).isEqualTo("RUNNING");
        assertThat(db.queryLong("SELECT count(*) FROM events WHERE id = ? AND type = 'task.status'", e.id())).isEqualTo(1);
    }

    @Test
    void anEventOfARolledBackTransactionIsNeitherStoredNorDelivered() {
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, got::add);
        assertThatThrownBy(() -> db.inTransaction(() -> {
            bus.publish(project, "task.status", Map.of("status", "RUNNING"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        bus.publish(project, "marker", Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
        assertThat(got.get(0).type()).isEqualTo("marker");
        assertThat(db.queryLong("SELECT count(*) FROM events")).isEqualTo(1);
    }

    @Test
    void directSubscribersGetEveryEventWithoutAThreadOfTheirOwn() {
        long threadsBefore = busThreads();
        List<List<Event>> got = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<Event> mine = new CopyOnWriteArrayList<>();
            got.add(mine);
            bus.subscribeDirect(owner, project, mine::add);
        }

        Event e = bus.publish(project, "log", Map.of("n", 1));

        assertThat(got).allSatisfy(events -> assertThat(events).extracting(Event::id).containsExactly(e.id()));
        assertThat(busThreads()).isLessThanOrEqualTo(threadsBefore);
        assertThatThrownBy(() -> bus.subscribeDirect(owner, project, x -> { })).isInstanceOf(ConflictException.class);
    }

    @Test
    void aClosedDirectSubscriberGetsNothingMore() {
        List<Event> got = new CopyOnWriteArrayList<>();
        Subscription sub = bus.subscribeDirect(owner, project, got::add);
        sub.close();

        bus.publish(project, "log", Map.of("n", 1));

        assertThat(got).isEmpty();
        assertThat(bus.subscriberCount(project)).isZero();
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
        List<Event> fast = new CopyOnWriteArrayList<>();
        bus.subscribe(owner, project, fast::add);
        int n = ProgressBus.QUEUE_CAPACITY + 200;
        for (int i = 0; i < n; i++) {
            bus.publish(project, "task.tokens", Map.of("i", i)); // one commit each, as the executor does
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.size() == n);
        assertThat(slow.isLagging()).isTrue();
        assertThat(slow.droppedCount()).isGreaterThan(0);
        stuck.countDown();
    }

    @Test
    void replayReturnsTheEventsAfterTheGivenIdInOrder() {
        Event first = bus.publish(project, "a", Map.of());
        bus.publish(project, "b", Map.of());
        bus.publish(null, "budget.warning", Map.of());
        bus.publish(project, "c", Map.of());
        List<Event> missed = bus.replay(owner, project, first.id(), 100);
        assertThat(missed).extracting(Event::type).containsExactly("b", "c");
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
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribeAll(owner, got::add);
        bus.publish(othersProject, "hidden", Map.of());
        bus.publish(project, "mine", Map.of());
        bus.publish(null, "budget.warning", Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertThat(got).extracting(Event::type).containsExactly("mine", "budget.warning");
        assertThat(bus.replayAll(owner, 0, 100)).extracting(Event::type).containsExactly("mine", "budget.warning");
    }

    @Test
    void theOwnerCacheStaysBoundedAcrossManyProjectsAndFilteringStaysRight() {
        List<Event> got = new CopyOnWriteArrayList<>();
        bus.subscribeAll(owner, got::add);
        int projects = ProgressBus.OWNER_CACHE_SIZE + 200;
        String lastOthers = null;
        for (int i = 0; i < projects; i++) {
            String p = TaskGraphFixture.insertProject(db, i % 2 == 0 ? owner : other, "READY");
            bus.publish(p, i % 2 == 0 ? "mine" : "hidden", Map.of());
            if (i % 2 == 1) {
                lastOthers = p;
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == projects / 2);
        assertThat(got).extracting(Event::type).containsOnly("mine");
        assertThat(bus.cachedOwners()).isLessThanOrEqualTo(ProgressBus.OWNER_CACHE_SIZE);

        // an owner dropped from the cache is looked up again: the old first project still filters correctly
        bus.publish(project, "mine-again", Map.of());
        bus.publish(lastOthers, "hidden-again", Map.of());
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == projects / 2 + 1);
        assertThat(got.get(got.size() - 1).type()).isEqualTo("mine-again");
    }
}
