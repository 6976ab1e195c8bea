package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.usage.UsageReports;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EngineEvent;
import org.orchestration.core.events.LogMessage;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.events.TaskProgress;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.planning.PlannedTask;
import org.orchestration.core.execution.LiveEvent;
import org.orchestration.core.execution.RunSnapshot;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.execution.RunTask;
import org.orchestration.core.usage.UsageReport;

/**
 * The adapters with the trickier mappings, on one real engine (SQLite, planner, executor, usage
 * log) in Simulated mode with a price on the Simulated model, so figures are not zero.
 */
class EngineAdaptersTest {

    @TempDir
    static Path tmp;

    static RealEngine engine;
    static EngineServices s;
    static User owner;

    @BeforeAll
    static void startEngine() {
        engine = RealEngine.start(tmp.resolve("data"));
        engine.services().settings().put(ModelRouter.MODE_KEY, "simulated");
        engine.services().settings().put(Pricing.OVERRIDES_KEY, Map.of("simulated", Map.of("input", 3, "output", 15)));
        s = engine.services();
        owner = engine.owner();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private static String projectWithRequirements(String name) {
        String id = s.projects().create(owner, name, "").id();
        s.projects().update(owner, id,
                ProjectPatch.requirements("A small tool that greets people by name, with tests and a README."));
        return id;
    }

    private static PlanWithForecast draftPlan(String projectId) {
        return s.planReview().generate(owner, projectId, CancellationToken.none());
    }

    private static String finishedRun(String name) {
        String id = projectWithRequirements(name);
        s.planReview().approve(owner, draftPlan(id).id());
        s.executor().start(owner, id);
        await().atMost(Duration.ofSeconds(30)).until(() -> s.projects().detail(owner, id).status() == ProjectStatus.COMPLETED);
        return id;
    }

    @Test
    void aPlannedTaskIsKeyedByItsPositionAndDependsOnThoseKeys() {
        PlanWithForecast plan = draftPlan(projectWithRequirements("Keys"));

        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(plan.plannedTasks()).extracting(PlannedTask::index)
                .containsExactlyElementsOf(IntStream.range(0, plan.plannedTasks().size()).boxed().toList());
        List<Integer> keys = plan.plannedTasks().stream().map(PlannedTask::index).toList();
        assertThat(plan.plannedTasks()).allSatisfy(t -> assertThat(keys).containsAll(t.dependsOn()));
        assertThat(plan.plannedTasks()).anySatisfy(t -> assertThat(t.dependsOn()).isNotEmpty());
    }

    @Test
    void eachPlannedTaskCarriesTheCostForecastsRangeAndThePlanTotalsMatchIt() {
        String projectId = projectWithRequirements("Forecast");
        PlanWithForecast plan = draftPlan(projectId);

        CostForecast.Forecast forecast = engine.services().costForecast().forecast(owner, plan.id());
        assertThat(plan.forecast().lowMicros()).isPositive().isEqualTo(forecast.lowMicros());
        assertThat(plan.forecast().highMicros()).isEqualTo(forecast.highMicros());
        assertThat(plan.plannedTasks().get(0).costLowMicros()).isEqualTo(forecast.tasks().get(0).lowMicros());
        assertThat(s.planReview().current(owner, projectId)).contains(plan);
    }

    @Test
    void editingATaskByItsKeyChangesThatTaskOnly() {
        PlanWithForecast plan = draftPlan(projectWithRequirements("Edit"));
        PlannedTask second = plan.plannedTasks().get(1);

        PlanWithForecast edited = s.planReview().editTask(owner, plan.id(), 1, new TaskEdit("Write the greeting", "Say hello.", "complex"));

        assertThat(edited.plannedTasks().get(1)).satisfies(t -> {
            assertThat(t.title()).isEqualTo("Write the greeting");
            assertThat(t.description()).isEqualTo("Say hello.");
            assertThat(t.complexity()).isEqualTo("complex");
            assertThat(t.dependsOn()).isEqualTo(second.dependsOn());
        });
        assertThat(edited.plannedTasks().get(0)).isEqualTo(plan.plannedTasks().get(0));
    }

    @Test
    void anUnknownTaskKeyIsAValidationErrorNamingTheKey() {
        PlanWithForecast plan = draftPlan(projectWithRequirements("Unknown key"));

        assertThatThrownBy(() -> s.planReview().editTask(owner, plan.id(), 99, new TaskEdit("x", "y", "simple")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("task"));
    }

    @Test
    void theSnapshotOfAFinishedRunHasEveryTaskWithDependenciesTheSpendAndALog() {
        String id = finishedRun("Snapshot");

        RunSnapshot snapshot = s.runSnapshots().snapshot(owner, id);

        assertThat(snapshot.status()).isEqualTo(ProjectStatus.COMPLETED);
        assertThat(snapshot.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
        List<String> ids = snapshot.tasks().stream().map(RunTask::id).toList();
        assertThat(snapshot.tasks()).allSatisfy(t -> assertThat(ids).containsAll(t.dependsOn()));
        assertThat(snapshot.tasks().get(0).dependsOn()).isEmpty();
        assertThat(snapshot.spentMicros()).isPositive()
                .isEqualTo(snapshot.tasks().stream().mapToLong(RunTask::costMicros).sum()
                        + planningSpend(id));
        assertThat(snapshot.recentLog()).isNotEmpty()
                .anySatisfy(l -> assertThat(l.message()).contains("completed"))
                .allSatisfy(l -> assertThat(l.message()).doesNotStartWith("A task"));
    }

    private static List<EngineEvent> engineEvents(List<LiveEvent> seen) {
        return seen.stream().filter(LiveEvent.Engine.class::isInstance).map(e -> ((LiveEvent.Engine) e).stored().event()).toList();
    }

    private static long planningSpend(String projectId) {
        return engine.root.database().queryLong(
                "SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE project_id = ? AND purpose = 'plan'", projectId);
    }

    @Test
    void liveTokenEventsCarryTheTaskTotalsAndAreFollowedByTheProjectSpend() throws Exception {
        String id = projectWithRequirements("Live");
        s.planReview().approve(owner, draftPlan(id).id());
        List<LiveEvent> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = s.runFeed().follow(owner, id, seen::add)) {
            s.executor().start(owner, id);
            await().atMost(Duration.ofSeconds(30)).until(() -> engineEvents(seen).stream()
                    .anyMatch(e -> e instanceof ProjectStatusChanged p && p.status() == ProjectStatus.COMPLETED));
        }

        RunSnapshot snapshot = s.runSnapshots().snapshot(owner, id);
        RunTask first = snapshot.tasks().get(0);
        TaskProgress lastTokens = engineEvents(seen).stream()
                .filter(e -> e instanceof TaskProgress p && p.taskId().equals(first.id())).map(TaskProgress.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastTokens.costMicros()).isEqualTo(first.costMicros());
        assertThat(lastTokens.inputTokens()).isEqualTo(first.inputTokens());
        LiveEvent.Spend lastSpend = seen.stream().filter(LiveEvent.Spend.class::isInstance).map(LiveEvent.Spend.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastSpend.spentMicros()).isEqualTo(snapshot.spentMicros());
        assertThat(engineEvents(seen)).anySatisfy(e -> assertThat(e).isInstanceOf(LogMessage.class));
    }

    @Test
    void theUsageReportShowsTodaysSpendPerDayProjectAndModel() {
        String id = finishedRun("Usage");
        String name = s.projects().detail(owner, id).name();
        long spent = s.projects().detail(owner, id).spentMicros();

        UsageReport report = engine.services().usageReports().report(owner);

        assertThat(report.todayMicros()).isGreaterThanOrEqualTo(spent).isPositive();
        assertThat(report.monthMicros()).isGreaterThanOrEqualTo(report.todayMicros());
        assertThat(report.dailyLimitMicros()).isEqualTo(engine.services().budget().limits().dailyMicros());
        assertThat(report.byDay()).hasSize(UsageReports.DAYS);
        assertThat(report.byDay().get(UsageReports.DAYS - 1).micros()).isEqualTo(report.todayMicros());
        assertThat(report.byProject()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo(name);
            assertThat(p.micros()).isEqualTo(spent);
        });
        assertThat(report.byModel()).anySatisfy(m -> assertThat(m.name()).isEqualTo("simulated"));
    }

    @Test
    void theCsvExportHasAHeaderAndOneLinePerCall() throws Exception {
        finishedRun("Export");
        Path csv = tmp.resolve("usage.csv");

        engine.services().usageReports().exportCsv(owner, csv);

        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("time,project_id,project");
        assertThat(lines).hasSize(1 + (int) engine.root.database().queryLong("SELECT COUNT(*) FROM usage_log"));
    }

    @Test
    void aCompletedTaskShowsItsOutputAndWhyItCannotBeRetried() {
        String id = finishedRun("Task detail");
        RunTask row = s.runSnapshots().snapshot(owner, id).tasks().get(0);

        TaskReport task = s.taskReports().report(owner, row.id());

        assertThat(task.simulated()).isTrue();
        assertThat(task.projectName()).isEqualTo("Task detail");
        assertThat(task.outputMarkdown()).isNotBlank();
        assertThat(task.attempts()).hasSize(1).first().satisfies(a -> assertThat(a.outcome().label()).isEqualTo("completed"));
        assertThat(task.retryBlockedReason()).isEqualTo("Only a failed or cancelled task can be retried.");
        assertThat(task.costMicros()).isEqualTo(row.costMicros());
    }

    @Test
    void aTaskShowsEachAttemptWithItsStartEndAndOutcome() {
        String id = finishedRun("Attempts");
        TaskReport task = s.taskReports().report(owner, s.runSnapshots().snapshot(owner, id).tasks().get(0).id());

        assertThat(task.attempts()).singleElement().satisfies(a -> {
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.startedAt()).isNotNull();
            assertThat(a.endedAt()).isAfterOrEqualTo(a.startedAt());
            assertThat(a.error()).isNull();
        });
    }

    @Test
    void theFilesATaskWroteAreListedRelativeToAndLocatedInTheProjectWorkspace() throws Exception {
        String id = finishedRun("Files");
        String taskId = s.runSnapshots().snapshot(owner, id).tasks().get(0).id();
        Path workspace = s.projects().workspace(owner, id);
        Files.createDirectories(workspace.resolve("docs"));
        Files.writeString(workspace.resolve("docs/guide.md"), "# Guide");
        // a write_file call exactly as the executor stores it
        engine.root.database().update("INSERT INTO tool_calls (task_id, attempt, round, tool_name, input, result, is_error, created_at) "
                + "VALUES (?, 1, 1, 'write_file', '{\"path\":\"docs/guide.md\",\"content\":\"# Guide\"}', "
                + "'Wrote 7 bytes to docs/guide.md.', 0, 1000)", taskId);

        TaskReport task = s.taskReports().report(owner, taskId);

        assertThat(task.filesWritten()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("docs/guide.md");
            assertThat(f.location()).isEqualTo(workspace.resolve("docs/guide.md"));
            assertThat(Files.readString(f.location())).isEqualTo("# Guide");
        });
    }
}
