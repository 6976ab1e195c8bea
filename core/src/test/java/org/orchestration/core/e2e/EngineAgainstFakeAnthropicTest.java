package org.orchestration.core.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigLoader;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.testing.FakeAnthropicServer;
import org.orchestration.core.testing.TestDb;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;
import org.orchestration.core.usage.UsageTotals;

/**
 * The whole engine, wired as the composition root wires it, against a loopback server that
 * speaks the Anthropic wire format: requirements -> plan -> edit -> approve -> tasks in the right
 * BLOCKED/PENDING states -> run to completion -> usage by purpose from the usage rows.
 */
class EngineAgainstFakeAnthropicTest {

    static final String PLAN = """
            Sure. Here is the plan:
            ```json
            {"summary": "A small blog", "phases": [{"name": "Build", "description": "all"}],
             "tasks": [
               {"title": "Design the schema", "description": "Tables", "task_type": "analysis", "complexity": "simple",
                "priority": 80, "depends_on": [], "tools": [], "estimated_tokens": 800},
               {"title": "Write the API", "description": "Endpoints for {posts}", "task_type": "code", "complexity": "medium",
                "priority": 60, "depends_on": [0], "tools": [], "estimated_tokens": 2000},
               {"title": "Write the docs", "description": "README", "task_type": "writing", "complexity": "simple",
                "priority": 40, "depends_on": [], "tools": [], "estimated_tokens": 600}
             ]}
            ```
            """;

    @TempDir
    Path dir;
    Database db;
    FakeAnthropicServer anthropic;
    HttpClients http;
    ProgressBus bus;
    Executor executor;
    User owner;

    ProjectService projects;
    TaskService tasks;
    PlanService plans;
    Planner planner;
    PlanEditor editor;
    Decomposer decomposer;
    UsageService usage;
    final List<StoredEvent> events = new ArrayList<>();

    @BeforeEach
    void wire() {
        Clock clock = Clock.systemUTC();
        anthropic = FakeAnthropicServer.start();
        AppConfig config = new ConfigLoader(Map.of("ANTHROPIC_API_KEY", "sk-test", "ANTHROPIC_BASE_URL", anthropic.baseUrl()))
                .load(dir.resolve("absent.json"), Optional.of(dir));
        db = TestDb.open(dir);
        SettingsStore settings = new SettingsStore(db, clock);
        http = new HttpClients();
        ChatProvider claude = new AnthropicProvider(http, config.anthropic());
        ModelRouter router = new ModelRouter(settings, true, () -> false);
        Pricing pricing = new Pricing(settings, router::configuredRoutes);
        bus = new ProgressBus(db, clock, 10);
        BudgetManager budget = new BudgetManager(db, settings, bus, clock, config.budget());
        projects = new ProjectService(db, settings, config.planning(), config.workspacesDir(), clock);
        tasks = new TaskService(db, projects, new ModelCatalog(pricing, router::configuredRoutes), clock);
        planner = new Planner(db, projects, List.of(claude), router, pricing, budget, bus, config.planning(), clock);
        editor = new PlanEditor(db, config.planning().maxTasks(), clock);
        decomposer = new Decomposer(db, projects.table(), router, bus, clock);
        plans = new PlanService(db, projects, new CostForecast(db, router, pricing), decomposer);
        executor = new Executor(db, settings, config, clock, Map.of(claude.id(), claude), pricing, new ToolRegistry(List.of()), budget, bus);
        usage = new UsageService(db, clock, budget);
        owner = TestDb.insertUser(db, Role.USER);
        bus.subscribeAll(owner, events::add);
    }

    @AfterEach
    void close() throws Exception {
        executor.close();
        db.close();
        http.close();
        anthropic.close();
    }

    @Test
    void requirementsBecomeTasksThatRunToCompletionAndTheSpendIsRecorded() throws Exception {
        Project project = projects.create(owner, "Blog", "A blog with posts and comments.");
        anthropic.enqueueText(PLAN, new TokenUsage(1200, 400, 0, 0));

        Plan plan = planner.generatePlan(owner, project.id(), CancellationToken.none());
        JsonNode planRequest = anthropic.takeRequestBody();
        assertThat(planRequest.path("model").asText()).startsWith("claude-");
        assertThat(planRequest.path("messages").get(0).toString()).contains("A blog with posts and comments.");
        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(projects.get(owner, project.id()).status()).isEqualTo(ProjectStatus.PLANNED);

        // The person edits the plan before approving: the docs now wait for the API.
        editor.addDependency(owner, plan.id(), 2, 1);
        editor.renameTask(owner, plan.id(), 2, "Write the README");
        decomposer.approve(owner, plan.id());

        Map<String, TaskStatus> before = tasks.list(owner, project.id()).stream()
                .collect(Collectors.toMap(TaskView::title, TaskView::status));
        assertThat(before).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Design the schema", TaskStatus.PENDING,
                "Write the API", TaskStatus.BLOCKED,
                "Write the README", TaskStatus.BLOCKED));

        for (int i = 0; i < 3; i++) {
            anthropic.enqueueText("Output " + i, new TokenUsage(500, 200, 100, 50));
        }
        executor.start(owner, project.id());

        await().atMost(Duration.ofSeconds(30)).until(() -> projects.get(owner, project.id()).status() == ProjectStatus.COMPLETED);
        assertThat(tasks.list(owner, project.id())).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
        });

        LocalDate today = LocalDate.now();
        Map<String, Long> byPurpose = usage.byPurpose(owner, today.minusDays(1), today.plusDays(1)).stream()
                .collect(Collectors.toMap(UsageTotals::key, UsageTotals::calls));
        assertThat(byPurpose).containsEntry("plan", 1L).containsEntry("task", 3L);
        long total = db.queryLong("SELECT sum(cost_micros) FROM usage_log");
        assertThat(total).isPositive();
        assertThat(usage.summary(owner, project.id()).projectTotalMicros()).isEqualTo(total);
        assertThat(events).extracting(e -> EventJson.type(e.event())).contains("plan.ready", "task.status", "project.status");
    }
}
