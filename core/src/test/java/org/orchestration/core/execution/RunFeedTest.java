package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.Subscription;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.events.TaskStatusChanged;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.projects.Project;
import org.orchestration.core.testing.TestEngine;

/** A run as the run view hears it live: task totals instead of one call's tokens, the spend, log lines for status changes. */
class RunFeedTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static EngineServices s;
    static User alice;
    static User bob;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        s = engine.services();
        // a price on the Simulated model, so tokens turn into a spend that is not zero
        s.settings().put(Pricing.OVERRIDES_KEY, Map.of("simulated", Map.of("input", 3, "output", 15)));
        alice = engine.user(Role.USER);
        bob = engine.user(Role.USER);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static String approved(String name) {
        Project p = s.projects().create(alice, name, "Write a haiku about SQLite.\nReview it.");
        Plan plan = s.planner().generatePlan(alice, p.id(), CancellationToken.none());
        s.decomposer().approve(alice, plan.id());
        return p.id();
    }

    private static List<EngineEvent> engineEvents(List<LiveEvent> seen) {
        return seen.stream().filter(LiveEvent.Engine.class::isInstance).map(e -> ((LiveEvent.Engine) e).stored().event()).toList();
    }

    private static List<LiveEvent> finishedRunAsHeard(String name) {
        String id = approved(name);
        List<LiveEvent> seen = new CopyOnWriteArrayList<>();
        try (Subscription subscription = s.runFeed().follow(alice, id, seen::add)) {
            s.executor().start(alice, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> engineEvents(seen).stream()
                    .anyMatch(e -> e instanceof ProjectStatusChanged p && p.status() == ProjectStatus.COMPLETED));
        }
        return seen;
    }

    @Test
    void liveTokenEventsCarryTheTaskTotalsAndAreFollowedByTheProjectSpend() {
        List<LiveEvent> seen = finishedRunAsHeard("Live totals");
        String id = ((LiveEvent.Engine) seen.get(0)).stored().projectId();

        RunSnapshot snapshot = s.runSnapshots().snapshot(alice, id);
        RunTask first = snapshot.tasks().get(0);
        TaskProgress lastTokens = engineEvents(seen).stream()
                .filter(e -> e instanceof TaskProgress p && p.taskId().equals(first.id())).map(TaskProgress.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastTokens.costMicros()).isPositive().isEqualTo(first.costMicros());
        assertThat(lastTokens.inputTokens()).isEqualTo(first.inputTokens());
        assertThat(lastTokens.outputTokens()).isEqualTo(first.outputTokens());
        LiveEvent.Spend lastSpend = seen.stream().filter(LiveEvent.Spend.class::isInstance).map(LiveEvent.Spend.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastSpend.projectId()).isEqualTo(id);
        assertThat(lastSpend.spentMicros()).isEqualTo(snapshot.spentMicros()).isEqualTo(s.projects().spentMicros(alice, id));
    }

    @Test
    void eachTokenEventIsFollowedByTheSpend() {
        List<LiveEvent> seen = finishedRunAsHeard("Spend after tokens");

        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) instanceof LiveEvent.Engine e && e.stored().event() instanceof TaskProgress) {
                assertThat(seen.get(i + 1)).isInstanceOf(LiveEvent.Spend.class);
            }
        }
        assertThat(seen).anySatisfy(e -> assertThat(e).isInstanceOf(LiveEvent.Spend.class));
    }

    @Test
    void aTaskStatusChangeIsFollowedByItsLineOfTheRunLogNamingTheTask() {
        List<LiveEvent> seen = finishedRunAsHeard("Log lines");

        List<EngineEvent> events = engineEvents(seen);
        int firstStatus = events.indexOf(events.stream().filter(TaskStatusChanged.class::isInstance).findFirst().orElseThrow());
        TaskStatusChanged status = (TaskStatusChanged) events.get(firstStatus);
        assertThat(events.get(firstStatus + 1)).isInstanceOfSatisfying(LogMessage.class, line -> {
            assertThat(line.taskId()).isEqualTo(status.taskId());
            assertThat(line.message()).contains(status.status().name().toLowerCase(Locale.ROOT)).doesNotStartWith("A task");
        });
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LogMessage.class,
                m -> assertThat(m.message()).startsWith("Project completed")));
    }

    @Test
    void anotherUsersProjectIsRefusedAndAMissingOneIsNotFound() {
        String id = approved("Not bob's");

        assertThatThrownBy(() -> s.runFeed().follow(bob, id, e -> { })).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> s.runFeed().follow(alice, "no-such-project", e -> { })).isInstanceOf(NotFoundException.class);
    }
}
