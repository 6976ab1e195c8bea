package org.orchestration.core.planning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelCatalog;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.testing.FixedModelRouting;
import org.orchestration.core.testing.FixedPriceBook;
import org.orchestration.core.testing.RecordingEventPublisher;
import org.orchestration.core.testing.RecordingSpendGate;
import org.orchestration.core.testing.ScriptedChatProvider;
import org.orchestration.core.testing.TestDb;

/** Every planning service wired over one real SQLite file, with scripted collaborators. */
final class PlanningHarness implements AutoCloseable {

    static final ModelRoute PLANNING_ROUTE = new ModelRoute("scripted", "planner-model");

    final Database db;
    final Clock clock = Clock.systemUTC();
    final AppConfig.Planning config;
    final ScriptedChatProvider provider = new ScriptedChatProvider("scripted");
    final FixedPriceBook prices = new FixedPriceBook()
            .price("planner-model", 3_000_000, 15_000_000)
            .price("simple-model", 1_000_000, 5_000_000)
            .price("medium-model", 3_000_000, 15_000_000)
            .price("complex-model", 15_000_000, 75_000_000);
    final FixedModelRouting routing;
    final RecordingSpendGate spend;
    final RecordingEventPublisher events = new RecordingEventPublisher();
    final ProjectService projects;
    final TaskService tasks;
    final PlanService plans;
    final Planner planner;
    final PlanEditor editor;
    final Decomposer decomposer;
    final CostForecast forecast;
    final User owner;

    PlanningHarness(Path dir) {
        this(dir, new AppConfig.Planning(100, 50_000), PLANNING_ROUTE);
    }

    PlanningHarness(Path dir, AppConfig.Planning config, ModelRoute planningRoute) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.db = TestDb.open(dir);
        this.config = config;
        this.routing = new FixedModelRouting(planningRoute, "scripted");
        this.spend = new RecordingSpendGate(db);
        this.projects = new ProjectService(db, new SettingsStore(db, clock), config, dir.resolve("workspaces"), clock);
        this.tasks = new TaskService(db, projects, new ModelCatalog(
                new Pricing(new SettingsStore(db, clock), List::of), List::of), clock);
        this.planner = new Planner(db, projects, List.of(provider), routing, prices, spend, events, config, clock);
        this.editor = new PlanEditor(db, config.maxTasks(), clock);
        this.decomposer = new Decomposer(db, projects.table(), routing, events, clock);
        this.forecast = new CostForecast(db, routing, prices);
        this.plans = new PlanService(db, projects, forecast, decomposer);
        this.owner = TestDb.insertUser(db, Role.USER);
    }

    /** A PLANNED project holding {@code doc} as its DRAFT plan, without calling a model. */
    Plan draft(PlanDocument doc) {
        Project p = projects.create(owner, "Project " + UUID.randomUUID(), "Build it.");
        projects.table().setStatus(p.id(), ProjectStatus.PLANNED);
        return new PlanStore(db).insertDraft(UUID.randomUUID().toString(), p.id(), doc, null,
                DependencyGraph.resolve(doc.tasks()).warnings(), "scripted", "planner-model", Instant.now());
    }

    long count(String table) {
        return db.queryLong("SELECT COUNT(*) FROM " + table);
    }

    @Override
    public void close() {
        db.close();
    }

    // ------------------------------------------------------------------ plan JSON builders

    /** A plan JSON whose task i depends on the given indices (deps[i] may hold strings too). */
    static String planJson(Object[]... deps) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("summary", "A plan");
        root.putArray("phases").addObject().put("name", "Build").put("description", "Everything");
        ArrayNode tasks = root.putArray("tasks");
        for (int i = 0; i < deps.length; i++) {
            ObjectNode t = tasks.addObject();
            t.put("title", "Task " + i);
            t.put("description", "Do step " + i);
            t.put("task_type", "code");
            t.put("complexity", i % 2 == 0 ? "simple" : "complex");
            t.put("priority", 50);
            ArrayNode d = t.putArray("depends_on");
            for (Object o : deps[i]) {
                if (o instanceof Integer n) {
                    d.add(n);
                } else {
                    d.add(String.valueOf(o));
                }
            }
            t.putArray("tools").add("write_file");
            t.put("estimated_tokens", 1000);
        }
        return root.toString();
    }

    static Object[] deps(Object... refs) {
        return refs;
    }

    static PlanDocument doc(Object[]... deps) {
        return PlanReader.read(PlanExtractor.extract(planJson(deps)), 10_000);
    }
}
