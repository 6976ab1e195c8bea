package org.orchestration.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.testing.EngineFixture;
import org.orchestration.core.testing.TaskGraphFixture;
import org.orchestration.core.testing.TaskScriptProvider;
import org.orchestration.core.testing.TestConfig;

class ExecutorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    EngineFixture e;
    User owner;
    User admin;

    private void open(int concurrency) {
        open(TestConfig.execution(concurrency, 2, 3, 10, true, Duration.ofMillis(300)));
    }

    private void open(AppConfig.Execution execution) {
        e = EngineFixture.open(dir, execution, 100.0);
        owner = e.user(Role.USER);
        admin = e.user(Role.ADMIN);
        e.settings.put(ExecutionSettings.RETRY_BASE_MS, 20);
    }

    @AfterEach
    void tearDown() {
        if (e != null) {
            e.close();
        }
    }

    private void awaitProject(String projectId, String status) {
        await().atMost(WAIT).until(() -> e.projectStatus(projectId).equals(status));
    }

    @Test
    void dependentsAreDispatchedAsSoonAsTheirDependenciesComplete() {
        open(4);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").deps(a).add();
        g.task("C").deps(b).add();
        g.task("D").deps(a).add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "COMPLETED");
        List<String> order = e.provider.started();
        assertThat(order.indexOf("A")).isLessThan(order.indexOf("B")).isLessThan(order.indexOf("D"));
        assertThat(order.indexOf("B")).isLessThan(order.indexOf("C"));
        String promptOfB = e.provider.requests().stream().filter(r -> TaskScriptProvider.taskTitle(r).equals("B")).findFirst()
                .map(r -> r.messages().get(0).content().toString()).orElseThrow();
        assertThat(promptOfB).contains("Result of A").contains("Build a small thing.").contains("Plan summary for the test.");
    }

    @Test
    void readyTasksRunInPriorityOrderThenPlanOrder() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        g.task("low").priority(10).add();
        g.task("high").priority(90).add();
        g.task("mid-1").priority(50).add();
        g.task("mid-2").priority(50).add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.provider.started()).containsExactly("high", "mid-1", "mid-2", "low");
    }

    @Test
    void projectsRunningSideBySideShareTheSlotsTurnAboutAtEqualPriority() {
        open(1);
        e.provider.hold("A1");
        TaskGraphFixture a = new TaskGraphFixture(e.db, owner);
        for (int i = 1; i <= 4; i++) {
            a.task("A" + i).add();
        }
        TaskGraphFixture b = new TaskGraphFixture(e.db, owner);
        for (int i = 1; i <= 3; i++) {
            b.task("B" + i).add();
        }

        e.executor.start(owner, a.projectId());
        await().atMost(WAIT).until(() -> e.provider.started().contains("A1"));
        e.executor.start(owner, b.projectId()); // started while A holds the only slot
        e.provider.release("A1");

        awaitProject(a.projectId(), "COMPLETED");
        awaitProject(b.projectId(), "COMPLETED");
        // neither project waits for the other to finish: the slot goes to the one served least recently
        assertThat(e.provider.started()).containsExactly("A1", "B1", "A2", "B2", "A3", "B3", "A4");
    }

    @Test
    void aHigherPriorityTaskOfAnotherProjectStillGoesFirst() {
        open(1);
        e.provider.hold("A1");
        TaskGraphFixture a = new TaskGraphFixture(e.db, owner);
        a.task("A1").add();
        a.task("A2").add();
        TaskGraphFixture b = new TaskGraphFixture(e.db, owner);
        b.task("B-urgent").priority(90).add();
        b.task("B-later").priority(90).add();

        e.executor.start(owner, a.projectId());
        await().atMost(WAIT).until(() -> e.provider.started().contains("A1"));
        e.executor.start(owner, b.projectId());
        e.provider.release("A1");

        awaitProject(a.projectId(), "COMPLETED");
        awaitProject(b.projectId(), "COMPLETED");
        assertThat(e.provider.started()).containsExactly("A1", "B-urgent", "B-later", "A2");
    }

    @Test
    void aRetryingTaskDoesNotHoldItsSlot() {
        open(1);
        e.settings.put(ExecutionSettings.RETRY_BASE_MS, 5_000);
        e.provider.fail("flaky", TaskScriptProvider.rateLimited(Duration.ofSeconds(5)));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String flaky = g.task("flaky").priority(100).add();
        String b = g.task("B").add();
        String c = g.task("C").add();
        String d = g.task("D").add();

        e.executor.start(owner, g.projectId());

        await().atMost(WAIT).until(() -> List.of(b, c, d).stream().allMatch(t -> e.taskStatus(t).equals("COMPLETED")));
        assertThat(e.taskStatus(flaky)).isEqualTo("PENDING");
        assertThat(Long.parseLong(e.taskColumn(flaky, "retry_after"))).isGreaterThan(System.currentTimeMillis() + 1_000);
        assertThat(e.taskColumn(flaky, "error")).contains("429");
        assertThat(e.provider.started()).containsExactly("flaky", "B", "C", "D");
    }

    @Test
    void aTransientFailureIsRetriedAutomaticallyAndTheTaskCompletes() {
        open(2);
        e.provider.fail("flaky", TaskScriptProvider.rateLimited(null), TaskScriptProvider.rateLimited(null));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String flaky = g.task("flaky").add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskColumn(flaky, "auto_retries")).isEqualTo("2");
        assertThat(e.taskColumn(flaky, "attempts")).isEqualTo("3");
    }

    @Test
    void automaticRetriesAreCappedThenTheTaskFails() {
        open(TestConfig.execution(2, 2, 1, 10, true, Duration.ofMillis(300)));
        e.provider.fail("flaky", TaskScriptProvider.rateLimited(null), TaskScriptProvider.rateLimited(null),
                TaskScriptProvider.rateLimited(null));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String flaky = g.task("flaky").add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "FAILED");
        assertThat(e.taskColumn(flaky, "error")).startsWith("Gave up after 1 automatic retries");
    }

    @Test
    void aPermanentFailureLeavesDependentsBlockedAndFailsTheProjectNamingTheTask() {
        open(2);
        e.provider.fail("A", TaskScriptProvider.permanent("The model rejected the request."));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").deps(a).add();
        String c = g.task("C").add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "FAILED");
        assertThat(e.taskStatus(a)).isEqualTo("FAILED");
        assertThat(e.taskStatus(b)).isEqualTo("BLOCKED");
        assertThat(e.taskStatus(c)).isEqualTo("COMPLETED");
        String reason = e.db.queryOne("SELECT status_reason FROM projects WHERE id = ?", rs -> rs.getString(1), g.projectId()).orElseThrow();
        assertThat(reason).contains("Task 'A' failed: The model rejected the request.").contains("1 task depending on it cannot run");
    }

    @Test
    void aManualRetryRunsTheFailedTaskAndThenItsDependents() {
        open(2);
        e.provider.fail("A", TaskScriptProvider.permanent("Bad request."));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").deps(a).add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "FAILED");

        e.executor.retryTask(owner, a);

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskStatus(b)).isEqualTo("COMPLETED");
        assertThat(e.taskColumn(a, "manual_retries")).isEqualTo("1");
    }

    @Test
    void manualRetriesAreCappedWithMaximumRetryLimitReached() {
        open(TestConfig.execution(2, 1, 0, 10, true, Duration.ofMillis(300)));
        e.provider.fail("A", TaskScriptProvider.permanent("no"), TaskScriptProvider.permanent("no again"));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "FAILED");
        e.executor.retryTask(owner, a);
        await().atMost(WAIT).until(() -> e.taskColumn(a, "error") != null && e.taskColumn(a, "error").equals("no again"));
        awaitProject(g.projectId(), "FAILED");

        assertThatThrownBy(() -> e.executor.retryTask(owner, a)).isInstanceOf(ValidationException.class)
                .hasMessage("Maximum retry limit reached").satisfies(x -> assertThat(((ValidationException) x).status()).isEqualTo(400));
    }

    @Test
    void onlyAFailedOrCancelledTaskCanBeRetried() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        assertThatThrownBy(() -> e.executor.retryTask(owner, a)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> e.executor.retryTask(owner, "missing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pauseStopsNewDispatchesWhileTheRunningTaskFinishesAndResumeCarriesOn() {
        open(1);
        e.provider.hold("A");
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").priority(90).add();
        String b = g.task("B").add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.inFlight() == 1);

        e.executor.pause(owner, g.projectId());
        e.provider.release("A");

        await().atMost(WAIT).until(() -> e.taskStatus(a).equals("COMPLETED") && e.executor.runningCount() == 0);
        assertThat(e.taskStatus(b)).isEqualTo("PENDING");
        assertThat(e.provider.started()).containsExactly("A");
        assertThat(e.projectStatus(g.projectId())).isEqualTo("PAUSED");

        e.executor.resume(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
    }

    @Test
    void cancelAbortsAnInFlightSlowCallWithinOneSecond() {
        open(2);
        e.provider.latency(Duration.ofSeconds(60));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").deps(a).add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.inFlight() == 1);

        e.executor.cancel(owner, g.projectId());

        await().atMost(Duration.ofSeconds(1)).until(() -> e.provider.inFlight() == 0);
        assertThat(e.projectStatus(g.projectId())).isEqualTo("CANCELLED");
        assertThat(e.taskStatus(a)).isEqualTo("CANCELLED");
        assertThat(e.taskStatus(b)).isEqualTo("CANCELLED");
        await().atMost(WAIT).until(() -> e.executor.runningCount() == 0);
        assertThat(e.taskStatus(a)).isEqualTo("CANCELLED");
    }

    @Test
    void retryingACancelledTaskReblocksItsCancelledDependents() {
        open(1);
        e.provider.hold("A");
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        String b = g.task("B").deps(a).add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.inFlight() == 1);
        e.executor.cancel(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.executor.runningCount() == 0);
        e.provider.release("A");

        e.executor.retryTask(owner, a);

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskStatus(b)).isEqualTo("COMPLETED");
    }

    @Test
    void whenTheBudgetRunsOutInRoundTwoTheTaskCompletesWithItsPartialOutput() {
        open(1);
        e.budget.setLimits(admin, 0.0015, 1.0); // 1,500 micro-dollars a day; prices are 1 micro-dollar a token
        e.provider.script("Tooly", n -> {
            var reply = TaskScriptProvider.toolCall("Partial answer.", "echo", "{\"text\":\"hi\"}");
            return new ChatResponse(reply.model(), reply.content(),
                    new TokenUsage(1_000, 300, 0, 0), reply.stopReason());
        });
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String t = g.task("Tooly").tools("echo").maxTokens(200).add();

        e.executor.start(owner, g.projectId());

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskStatus(t)).isEqualTo("COMPLETED");
        assertThat(e.taskColumn(t, "note")).isEqualTo("stopped: budget");
        assertThat(e.taskColumn(t, "output")).isEqualTo("Partial answer.");
        assertThat(e.provider.callsFor("Tooly")).isEqualTo(1);
        assertThat(e.db.queryLong("SELECT count(*) FROM tool_calls WHERE task_id = ?", t)).isEqualTo(1);
        assertThat(e.db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log")).isLessThanOrEqualTo(1_500);
    }

    @Test
    void aTaskThatCannotReserveBudgetWaitsAndRunsOnceTheLimitIsRaised() {
        open(1);
        e.budget.setLimits(admin, 0, 0);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> "budget".equals(e.taskColumn(a, "wait_reason")));
        assertThat(e.taskStatus(a)).isEqualTo("PENDING");
        assertThat(e.projectStatus(g.projectId())).isEqualTo("RUNNING");
        assertThat(e.db.queryLong("SELECT count(*) FROM events WHERE type = 'task.waiting' AND project_id = ?", g.projectId())).isEqualTo(1);

        e.budget.setLimits(admin, 5, 50);

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskColumn(a, "wait_reason")).isNull();
    }

    @Test
    void aModelWithoutAPriceFailsTheTaskWithAClearReason() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner).route("simulated", "mystery-model");
        String a = g.task("A").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "FAILED");
        assertThat(e.taskColumn(a, "error")).contains("No price for model mystery-model");
        assertThat(e.provider.callsFor("A")).isZero();
    }

    @Test
    void eachProviderCallIsRecordedOnceUnderItsTaskAttemptRoundKeyAndTotalledOnTheTask() {
        open(1);
        e.provider.script("T", n -> n == 1 ? TaskScriptProvider.toolCall("Looking.", "echo", "{\"text\":\"x\"}")
                : TaskScriptProvider.text("Done."));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String t = g.task("T").tools("echo").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");

        List<String> keys = e.db.query("SELECT idempotency_key FROM usage_log ORDER BY id", rs -> rs.getString(1));
        assertThat(keys).containsExactly("task:" + t + ":1:1", "task:" + t + ":1:2");
        assertThat(e.taskColumn(t, "output")).isEqualTo("Looking.\n\nDone.");
        assertThat(e.taskColumn(t, "input_tokens")).isEqualTo("200");
        assertThat(e.taskColumn(t, "cost_micros")).isEqualTo(String.valueOf(e.db.queryLong("SELECT SUM(cost_micros) FROM usage_log")));
        assertThat(e.taskColumn(t, "started_at")).isNotNull();
        assertThat(e.taskColumn(t, "completed_at")).isNotNull();
        String toolResult = e.db.queryOne("SELECT result FROM tool_calls WHERE task_id = ?", rs -> rs.getString(1), t).orElseThrow();
        assertThat(toolResult).isEqualTo("echo: x");
    }

    @Test
    void anUnknownToolGetsAnErrorResultBackToTheModel() {
        open(1);
        e.provider.script("T", n -> n == 1 ? TaskScriptProvider.toolCall("Trying.", "nope", "{}") : TaskScriptProvider.text("Ok."));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String t = g.task("T").tools("echo", "nope").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
        String result = e.db.queryOne("SELECT result || '|' || is_error FROM tool_calls WHERE task_id = ?", rs -> rs.getString(1), t).orElseThrow();
        assertThat(result).contains("Unknown tool 'nope'").endsWith("|1");
    }

    @Test
    void theToolLoopStopsAfterTheConfiguredNumberOfRounds() {
        open(TestConfig.execution(1, 2, 2, 3, true, Duration.ofMillis(300)));
        e.provider.script("T", n -> TaskScriptProvider.toolCall("Round " + n + ".", "echo", "{\"text\":\"again\"}"));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String t = g.task("T").tools("echo").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.provider.callsFor("T")).isEqualTo(3);
        assertThat(e.taskColumn(t, "note")).isEqualTo("stopped: tool round limit (3)");
    }

    @Test
    void anAdminCanRaiseConcurrencyWhileProjectsRun() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        for (String t : List.of("A", "B", "C", "D")) {
            e.provider.hold(t);
            g.task(t).add();
        }
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.inFlight() == 1);

        assertThatThrownBy(() -> e.executor.setConcurrency(owner, 3)).isInstanceOf(ForbiddenException.class);
        e.executor.setConcurrency(admin, 3);

        await().atMost(WAIT).until(() -> e.provider.inFlight() == 3);
        assertThat(e.executor.concurrency()).isEqualTo(3);
        List.of("A", "B", "C", "D").forEach(e.provider::release);
        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.provider.maxInFlight()).isEqualTo(3);
    }

    @Test
    void recoveryReturnsRunningTasksToPendingAndCarriesOnRunningProjects() {
        open(2);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner, "RUNNING", "Recover me.");
        String a = g.task("A").add();
        g.task("B").deps(a).add();
        e.db.update("UPDATE tasks SET status = 'RUNNING', attempts = 1 WHERE id = ?", a);

        assertThat(e.executor.recover()).containsExactly(g.projectId());

        awaitProject(g.projectId(), "COMPLETED");
        assertThat(e.taskColumn(a, "attempts")).isEqualTo("2");
    }

    @Test
    void withResumeOnStartOffRecoveredProjectsWaitPaused() {
        open(TestConfig.execution(2, 2, 2, 10, false, Duration.ofMillis(300)));
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner, "RUNNING", "Recover me.");
        String a = g.task("A").add();
        e.db.update("UPDATE tasks SET status = 'RUNNING' WHERE id = ?", a);

        assertThat(e.executor.recover()).isEmpty();

        assertThat(e.projectStatus(g.projectId())).isEqualTo("PAUSED");
        assertThat(e.taskStatus(a)).isEqualTo("PENDING");
        e.executor.resume(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
    }

    @Test
    void closingCancelsUnfinishedAttemptsAndPutsTheirTasksBackToPending() {
        open(1);
        e.provider.hold("A");
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        e.executor.start(owner, g.projectId());
        await().atMost(WAIT).until(() -> e.provider.inFlight() == 1);

        e.executor.close();

        assertThat(e.taskStatus(a)).isEqualTo("PENDING");
        assertThat(e.projectStatus(g.projectId())).isEqualTo("RUNNING");
    }

    @Test
    void onlyTheOwnerOrAnAdminControlsAProject() {
        open(1);
        User stranger = e.user(Role.USER);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        g.task("A").add();
        assertThatThrownBy(() -> e.executor.start(stranger, g.projectId())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> e.executor.start(owner, "missing")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> e.executor.pause(owner, g.projectId())).isInstanceOf(ConflictException.class);
        e.executor.start(admin, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
    }

    @Test
    void everyStateChangeIsAnEvent() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        String a = g.task("A").add();
        g.task("B").deps(a).add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
        List<String> types = e.db.query("SELECT type || ':' || COALESCE(json_extract(payload, '$.status'), '') FROM events "
                + "WHERE project_id = ? ORDER BY id", rs -> rs.getString(1), g.projectId());
        assertThat(types).containsExactly("project.status:RUNNING", "task.status:RUNNING", "task.tokens:", "task.status:COMPLETED",
                "task.status:PENDING", "task.status:RUNNING", "task.tokens:", "task.status:COMPLETED", "project.status:COMPLETED");
    }

    @Test
    void aProjectStatusEventNamesTheProjectSoANotificationCanSayWhichOneFinished() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner);
        g.task("A").add();
        e.executor.start(owner, g.projectId());
        awaitProject(g.projectId(), "COMPLETED");
        String name = e.db.queryOne("SELECT name FROM projects WHERE id = ?", rs -> rs.getString(1), g.projectId()).orElseThrow();
        List<String> names = e.db.query("SELECT json_extract(payload, '$.name') FROM events WHERE project_id = ? AND type = 'project.status' "
                + "AND json_extract(payload, '$.status') = 'COMPLETED'", rs -> rs.getString(1), g.projectId());
        assertThat(names).containsExactly(name);
    }

    @Test
    void aProjectOverItsOwnLimitWaitsForBudgetWhileOtherProjectsRun() {
        open(2);
        TaskGraphFixture capped = new TaskGraphFixture(e.db, owner);
        String a = capped.task("capped").add();
        e.budget.setProjectLimit(owner, capped.projectId(), 10L);
        TaskGraphFixture free = new TaskGraphFixture(e.db, owner);
        String b = free.task("other").add();

        e.executor.start(owner, capped.projectId());
        e.executor.start(owner, free.projectId());

        awaitProject(free.projectId(), "COMPLETED");
        await().atMost(WAIT).until(() -> "budget".equals(e.taskColumn(a, "wait_reason")));
        assertThat(e.taskStatus(a)).isEqualTo("PENDING");
        assertThat(e.taskStatus(b)).isEqualTo("COMPLETED");

        e.budget.setProjectLimit(owner, capped.projectId(), null);
        awaitProject(capped.projectId(), "COMPLETED");
    }

    @Test
    void recoveryHonoursAPersistedRetryAfter() {
        open(1);
        TaskGraphFixture g = new TaskGraphFixture(e.db, owner, "RUNNING", "Recover me.");
        String later = g.task("later").priority(100).add();
        String now = g.task("now").add();
        e.db.update("UPDATE tasks SET retry_after = ? WHERE id = ?", System.currentTimeMillis() + 60_000, later);

        e.executor.recover();

        await().atMost(WAIT).until(() -> e.taskStatus(now).equals("COMPLETED"));
        assertThat(e.taskStatus(later)).isEqualTo("PENDING");
        assertThat(e.provider.started()).containsExactly("now");
    }
}
