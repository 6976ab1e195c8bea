package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.events.TaskWaiting;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskGraphFixture;

/** A provider that is down makes its tasks wait with the reason instead of failing them one by one. */
class ProviderWaitTest {

    @TempDir
    Path dir;
    EngineFixture e;
    Executor executor;

    @AfterEach
    void tearDown() {
        if (executor != null) {
            executor.close();
        }
        if (e != null) {
            e.close();
        }
    }

    @Test
    void tasksWaitWhileTheirProviderIsDownAndRunOnceItIsBack() {
        e = EngineFixture.open(dir, new AppConfig.Execution(2, 5, 5, 10, true, Duration.ofSeconds(5)), 100.0);
        AtomicReference<Optional<String>> health = new AtomicReference<>(Optional.of("Simulated is not reachable: connection refused"));
        executor = new Executor(e.db, e.settings, e.config, e.clock, Map.of("simulated", (ChatProvider) e.provider)::get, e.prices, e.tools, e.budget, e.bus,
                id -> health.get(), Duration.ofMillis(100));
        User owner = e.user(Role.USER);
        CopyOnWriteArrayList<TaskWaiting> waiting = new CopyOnWriteArrayList<>();
        e.bus.subscribeAll(owner, ev -> {
            if (ev.event() instanceof TaskWaiting w) {
                waiting.add(w);
            }
        });
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").add();

        executor.start(owner, g.projectId());

        await().atMost(Duration.ofSeconds(10)).until(() -> "provider".equals(e.taskColumn(a, "wait_reason"))
                && "provider".equals(e.taskColumn(b, "wait_reason")));
        assertThat(e.taskStatus(a)).isEqualTo("PENDING");
        assertThat(e.provider.requests()).as("no call is made to a provider that is down").isEmpty();
        // Several rechecks happen while it stays down, but the person is told once per task.
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> e.taskStatus(a).equals("PENDING"));
        assertThat(waiting).hasSize(2).allSatisfy(ev -> {
            assertThat(ev.reason()).isEqualTo("provider");
            assertThat(ev.message()).contains("not reachable");
        });

        health.set(Optional.empty());

        await().atMost(Duration.ofSeconds(10)).until(() -> e.projectStatus(g.projectId()).equals("COMPLETED"));
        assertThat(e.taskColumn(a, "wait_reason")).isNull();
        assertThat(e.taskColumn(a, "attempts")).isEqualTo("1");
    }
}
