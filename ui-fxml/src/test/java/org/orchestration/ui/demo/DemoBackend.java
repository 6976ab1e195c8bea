package org.orchestration.ui.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.Event;
import org.orchestration.core.execution.LogLine;
import org.orchestration.core.execution.RunSnapshot;
import org.orchestration.core.execution.RunTask;
import org.orchestration.core.execution.TaskFile;
import org.orchestration.core.execution.TaskReport;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.model.Money;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.TaskStatus;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.PlanDocument;
import org.orchestration.core.planning.PlanTask;
import org.orchestration.core.planning.PlanWarning;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.planning.PlannedTask;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.core.projects.ProjectDetail;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.projects.TaskDetail;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.ui.port.AccountsPort;
import org.orchestration.ui.port.ApiKeyView;
import org.orchestration.ui.port.AppSettings;
import org.orchestration.ui.port.ConnectionCheck;
import org.orchestration.ui.port.DailySpend;
import org.orchestration.ui.port.EventsPort;
import org.orchestration.ui.port.FirstRunRequest;
import org.orchestration.ui.port.KnowledgeBaseView;
import org.orchestration.ui.port.KnowledgePort;
import org.orchestration.ui.port.ModelPrice;
import org.orchestration.ui.port.NamedSpend;
import org.orchestration.ui.port.PlanningPort;
import org.orchestration.ui.port.ProjectsPort;
import org.orchestration.ui.port.RoutingRule;
import org.orchestration.ui.port.RunPort;
import org.orchestration.ui.port.SearchHit;
import org.orchestration.ui.port.ServiceHealth;
import org.orchestration.ui.port.ServicesPort;
import org.orchestration.ui.port.SettingsPort;
import org.orchestration.ui.port.SetupState;
import org.orchestration.ui.port.TasksPort;
import org.orchestration.ui.port.ToolState;
import org.orchestration.ui.port.UiPorts;
import org.orchestration.ui.port.UiPrefs;
import org.orchestration.ui.port.UsagePort;
import org.orchestration.ui.port.UsageReport;
import org.orchestration.ui.port.UserRow;

/**
 * An in-memory backend implementing every port, with a simulated planner and a simulated run
 * that streams live events from a scheduler thread. For UI tests and for a demo run of the UI
 * without the engine. Not a model of the real services' rules beyond what the screens need.
 */
public final class DemoBackend implements ProjectsPort, PlanningPort, RunPort, TasksPort, UsagePort, KnowledgePort,
        ServicesPort, SettingsPort, AccountsPort, EventsPort, AutoCloseable {

    /**
     * @param taskCount        tasks per generated plan
     * @param parallel         true: no dependencies (all tasks run at once); false: a layered graph
     * @param eventsPerSecond  token events per second across the running tasks
     * @param stepsPerTask     token events before a task completes
     * @param planDelay        how long "generating a plan" takes
     * @param concurrency      tasks running at once
     */
    public record Options(int taskCount, boolean parallel, int eventsPerSecond, int stepsPerTask, Duration planDelay,
                          int concurrency) {
        public static Options quick() {
            return new Options(6, false, 200, 12, Duration.ofMillis(150), 3);
        }
    }

    private static final String MODEL = "simulated-1";
    /** As the engine's router lists them: planning, each complexity, task type "local". */
    private static final List<RoutingRule> BUILT_IN_ROUTES = List.of(
            new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", "claude-sonnet-4-6"),
            new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "anthropic", "claude-haiku-4-5"),
            new RoutingRule(RoutingRule.Scope.COMPLEXITY, "medium", "anthropic", "claude-sonnet-4-6"),
            new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", "claude-opus-4-5"),
            new RoutingRule(RoutingRule.Scope.TASK_TYPE, "local", "ollama", "llama3.2"));

    private final Options options;
    private final Clock clock;
    private final ScheduledExecutorService ticker;
    private final AtomicLong eventIds = new AtomicLong();
    private final Map<String, List<Consumer<Event>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Kb> kbs = new LinkedHashMap<>();
    private final List<Spend> spends = new ArrayList<>();
    private final List<ApiKeyView> apiKeys = new ArrayList<>();
    private List<Path> knowledgeRoots = List.of();
    private final User local = new User("local", "you@localhost", "You", Role.ADMIN, true);
    private SetupState setup = new SetupState(false, false);
    private AppSettings settings;
    private UiPrefs prefs = UiPrefs.defaults();
    private boolean registrationOpen = true;
    private String anthropicKey = "";

    public DemoBackend(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-run");
            t.setDaemon(true);
            return t;
        });
        this.settings = new AppSettings("", "http://localhost:11434", true,
                List.of(new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", "claude-sonnet-4-5"),
                        new RoutingRule(RoutingRule.Scope.TASK_TYPE, "code", "anthropic", "claude-sonnet-4-5"),
                        new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-haiku-4-5"),
                        new RoutingRule(RoutingRule.Scope.TASK_TYPE, "local", "ollama", "llama3.1")),
                BUILT_IN_ROUTES,
                List.of(new ModelPrice("claude-sonnet-4-5", 3_000_000, 15_000_000),
                        new ModelPrice("claude-haiku-4-5", 1_000_000, 5_000_000),
                        new ModelPrice(MODEL, 3_000_000, 15_000_000)),
                5_000_000, 50_000_000, 0, options.concurrency(), 3, false, 8765, true,
                Path.of(System.getProperty("java.io.tmpdir"), "orchestration-demo"),
                Path.of(System.getProperty("java.io.tmpdir"), "orchestration-demo", "logs"));
    }

    public DemoBackend() {
        this(Options.quick(), Clock.systemUTC());
    }

    public UiPorts ports(Consumer<Path> fileOpener) {
        return new UiPorts(this, this, this, this, this, this, this, this, this, this, fileOpener);
    }

    /** Marks first run done (single-user) so tests can start at the dashboard. */
    public synchronized DemoBackend firstRunDone() {
        setup = new SetupState(true, false);
        return this;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    // ---------------------------------------------------------------- projects

    private static final class Project {
        final String id;
        final String ownerId;
        String name;
        ProjectStatus status = ProjectStatus.DRAFT;
        String requirements = "";
        PlanWithForecast plan;
        final List<RunTask> tasks = new ArrayList<>();
        final Map<String, Integer> stepsDone = new ConcurrentHashMap<>();
        final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
        final Map<String, Instant> endedAt = new ConcurrentHashMap<>();
        final List<LogLine> log = new ArrayList<>();
        long spent;
        Instant lastActivity;
        ScheduledFuture<?> run;

        Project(String id, String ownerId, String name, Instant now) {
            this.id = id;
            this.ownerId = ownerId;
            this.name = name;
            this.lastActivity = now;
        }
    }

    private record Spend(Instant at, String projectName, String model, long micros) {
    }

    private Project project(User actor, String id) {
        Project p = projects.get(id);
        if (p == null || !(actor.isAdmin() || p.ownerId.equals(actor.id()))) {
            throw new NotFoundException("This project does not exist or is not yours.");
        }
        return p;
    }

    @Override
    public synchronized List<ProjectSummary> list(User actor) {
        return projects.values().stream()
                .filter(p -> actor.isAdmin() || p.ownerId.equals(actor.id()))
                .sorted(Comparator.comparing((Project p) -> p.lastActivity).reversed())
                .map(this::summary)
                .toList();
    }

    private ProjectSummary summary(Project p) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        p.tasks.forEach(t -> counts.merge(t.status(), 1, Integer::sum));
        return new ProjectSummary(p.id, p.ownerId, p.name, p.status, settings.projectBudgetMicros(), counts, p.spent,
                p.lastActivity, p.lastActivity);
    }

    @Override
    public synchronized ProjectDetail get(User actor, String projectId) {
        Project p = project(actor, projectId);
        return new ProjectDetail(p.id, p.name, p.status, p.requirements, p.spent, budgetFor(), AppConfig.Planning.DEFAULT_MAX_REQUIREMENTS_CHARS);
    }

    private long budgetFor() {
        return settings.projectBudgetMicros() > 0 ? settings.projectBudgetMicros() : settings.dailyBudgetMicros();
    }

    @Override
    public synchronized ProjectDetail create(User actor, String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new ValidationException("name", "Give the project a name.");
        }
        Bounds.name("name", n, Bounds.PROJECT_NAME_MAX);
        Project p = new Project(UUID.randomUUID().toString(), actor.id(), n, clock.instant());
        projects.put(p.id, p);
        return get(actor, p.id);
    }

    @Override
    public synchronized void rename(User actor, String projectId, String newName) {
        Project p = project(actor, projectId);
        if (newName == null || newName.isBlank()) {
            throw new ValidationException("name", "Give the project a name.");
        }
        p.name = newName.strip();
    }

    @Override
    public synchronized void delete(User actor, String projectId) {
        Project p = project(actor, projectId);
        if (p.status == ProjectStatus.RUNNING) {
            throw new ConflictException("Cancel the run before deleting the project.");
        }
        projects.remove(projectId);
    }

    @Override
    public synchronized void saveRequirements(User actor, String projectId, String requirements) {
        Project p = project(actor, projectId);
        if (requirements.length() > 50_000) {
            throw new ValidationException("requirements", "Requirements can have at most 50,000 characters.");
        }
        p.requirements = requirements;
        p.lastActivity = clock.instant();
    }

    // ---------------------------------------------------------------- planning

    @Override
    public synchronized Optional<PlanWithForecast> currentPlan(User actor, String projectId) {
        return Optional.ofNullable(project(actor, projectId).plan);
    }

    @Override
    public PlanWithForecast generate(User actor, String projectId, CancellationToken cancel) {
        String requirements;
        synchronized (this) {
            Project p = project(actor, projectId);
            if (p.requirements.isBlank()) {
                throw new ValidationException("requirements", "Write the requirements before generating a plan.");
            }
            requirements = p.requirements;
            p.status = ProjectStatus.PLANNING;
        }
        if (waitOrCancelled(cancel, options.planDelay())) {
            synchronized (this) {
                project(actor, projectId).status = ProjectStatus.DRAFT;
            }
            throw new ConflictException("Plan generation was cancelled.");
        }
        PlanWithForecast plan = makePlan(requirements);
        synchronized (this) {
            Project p = project(actor, projectId);
            p.plan = plan;
            p.status = ProjectStatus.PLANNED;
            p.lastActivity = clock.instant();
            record(p, "claude-sonnet-4-5", 4_200);
        }
        return plan;
    }

    /** Waits {@code delay}, ending early when {@code cancel} fires; true when it was cancelled. */
    private static boolean waitOrCancelled(CancellationToken cancel, Duration delay) {
        CountDownLatch cancelled = new CountDownLatch(1);
        Runnable unregister = cancel.onCancel(cancelled::countDown);
        try {
            return cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } finally {
            unregister.run();
        }
    }

    private static final String[] TITLES = {"Research the domain", "Design the data model", "Write the API client",
        "Implement the core logic", "Build the command-line interface", "Write unit tests", "Write the user guide",
        "Review and polish", "Package a release", "Benchmark hot paths", "Add error reporting", "Set up CI"};

    private PlanWithForecast makePlan(String requirements) {
        List<PlanTask> tasks = new ArrayList<>();
        List<CostForecast.TaskCost> costs = new ArrayList<>();
        int n = options.taskCount();
        for (int i = 0; i < n; i++) {
            List<JsonNode> deps = new ArrayList<>();
            if (!options.parallel() && i > 0) {
                // A layered graph: 1 -> {2,3} -> 4 -> {5,6} ...
                int layer = (i + 1) / 2;
                int prevLayerFirst = layer <= 1 ? 0 : 2 * (layer - 1) - 1;
                for (int d = prevLayerFirst; d < 2 * layer - 1 && d < i; d++) {
                    deps.add(IntNode.valueOf(d));
                }
            }
            String complexity = i % 3 == 0 ? "complex" : i % 3 == 1 ? "medium" : "simple";
            long low = 20_000L * (1 + i % 3);
            String title = TITLES[i % TITLES.length] + (i >= TITLES.length ? " " + (i + 1) : "");
            tasks.add(PlanTask.of(title, "Part of: " + firstLine(requirements), i % 2 == 0 ? "code" : "writing", complexity)
                    .withDependsOn(deps));
            costs.add(new CostForecast.TaskCost(i, title, "simulated", MODEL, low, low * 3, true));
        }
        List<PlanWarning> warnings = new ArrayList<>();
        if (requirements.length() < 200) {
            warnings.add(new PlanWarning("SHORT_REQUIREMENTS", 0, null, null, "The requirements are short; the plan may miss details."));
        }
        long low = costs.stream().mapToLong(CostForecast.TaskCost::lowMicros).sum();
        long high = costs.stream().mapToLong(CostForecast.TaskCost::highMicros).sum();
        Instant now = clock.instant();
        return new PlanWithForecast(UUID.randomUUID().toString(), null, 1, PlanStatus.DRAFT,
                new PlanDocument(n + " tasks to deliver: " + firstLine(requirements), List.of(), tasks), warnings, "simulated",
                MODEL, now, now, null, new CostForecast.Forecast(costs, low, high, 0));
    }

    private static PlanWithForecast with(PlanWithForecast p, PlanStatus status, PlanDocument body) {
        return new PlanWithForecast(p.id(), p.projectId(), p.version(), status, body, p.warnings(), p.provider(), p.model(),
                p.createdAt(), p.updatedAt(), p.approvedAt(), p.forecast());
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    private Project projectOfPlan(String planId) {
        return projects.values().stream().filter(p -> p.plan != null && p.plan.id().equals(planId)).findFirst()
                .orElseThrow(() -> new NotFoundException("This plan does not exist."));
    }

    @Override
    public synchronized PlanWithForecast editTask(User actor, String planId, int taskIndex, TaskEdit edit) {
        Project p = projectOfPlan(planId);
        project(actor, p.id);
        if (p.plan.status() != PlanStatus.DRAFT) {
            throw new ConflictException("Only a draft plan can be edited.");
        }
        if (edit.title() == null || edit.title().isBlank()) {
            throw new ValidationException("title", "A task needs a title.");
        }
        PlanTask t = p.plan.body().tasks().get(taskIndex);
        p.plan = with(p.plan, p.plan.status(), p.plan.body().withTask(taskIndex,
                t.withTitle(edit.title().strip()).withDescription(edit.description()).withComplexity(edit.complexity())));
        return p.plan;
    }

    @Override
    public synchronized PlanWithForecast approve(User actor, String planId) {
        Project p = projectOfPlan(planId);
        project(actor, p.id);
        if (p.plan.status() != PlanStatus.DRAFT) {
            throw new ConflictException("This plan is already approved.");
        }
        p.plan = with(p.plan, PlanStatus.APPROVED, p.plan.body());
        p.tasks.clear();
        for (PlannedTask t : p.plan.plannedTasks()) {
            String taskId = p.id.substring(0, 8) + "-t" + t.number();
            List<String> deps = t.dependsOn().stream().map(d -> p.id.substring(0, 8) + "-t" + (d + 1)).toList();
            p.tasks.add(new RunTask(taskId, t.title(), deps.isEmpty() ? TaskStatus.PENDING : TaskStatus.BLOCKED,
                    deps, 0, 0, 0));
        }
        setStatus(p, ProjectStatus.READY);
        return p.plan;
    }

    // ---------------------------------------------------------------- run

    @Override
    public synchronized RunSnapshot snapshot(User actor, String projectId) {
        Project p = project(actor, projectId);
        List<LogLine> log = p.log.subList(Math.max(0, p.log.size() - 200), p.log.size());
        return new RunSnapshot(p.status, p.tasks, p.spent, budgetFor(), List.copyOf(log));
    }

    @Override
    public synchronized void start(User actor, String projectId) {
        Project p = project(actor, projectId);
        if (p.status != ProjectStatus.READY) {
            throw new ConflictException("Approve a plan before starting.");
        }
        setStatus(p, ProjectStatus.RUNNING);
        log(p, "info", null, "Run started with " + p.tasks.size() + " tasks.");
        fillSlots(p);
        long periodMicros = 1_000_000L / Math.max(1, options.eventsPerSecond());
        p.run = ticker.scheduleAtFixedRate(() -> tick(p.id), periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public synchronized void pause(User actor, String projectId) {
        Project p = project(actor, projectId);
        if (p.status != ProjectStatus.RUNNING) {
            throw new ConflictException("Only a running project can be paused.");
        }
        setStatus(p, ProjectStatus.PAUSED);
        log(p, "info", null, "Paused; running tasks will finish their current step.");
    }

    @Override
    public synchronized void resume(User actor, String projectId) {
        Project p = project(actor, projectId);
        if (p.status != ProjectStatus.PAUSED) {
            throw new ConflictException("Only a paused project can be resumed.");
        }
        setStatus(p, ProjectStatus.RUNNING);
        log(p, "info", null, "Resumed.");
    }

    @Override
    public synchronized void cancel(User actor, String projectId) {
        Project p = project(actor, projectId);
        if (p.status != ProjectStatus.RUNNING && p.status != ProjectStatus.PAUSED) {
            throw new ConflictException("Only a running or paused project can be cancelled.");
        }
        for (int i = 0; i < p.tasks.size(); i++) {
            if (!p.tasks.get(i).status().isTerminal()) {
                setTaskStatus(p, i, TaskStatus.CANCELLED);
            }
        }
        finish(p, ProjectStatus.CANCELLED);
    }

    private synchronized void tick(String projectId) {
        Project p = projects.get(projectId);
        if (p == null || p.status != ProjectStatus.RUNNING) {
            return;
        }
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < p.tasks.size(); i++) {
            if (p.tasks.get(i).status() == TaskStatus.RUNNING) {
                running.add(i);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        int idx = running.get((int) (eventIds.get() % running.size()));
        RunTask t = p.tasks.get(idx);
        long in = 180, out = 95;
        long cost = in * 3 + out * 15; // micro-dollars at $3 / $15 per million tokens
        RunTask updated = t.withUsage(t.inputTokens() + in, t.outputTokens() + out, t.costMicros() + cost);
        p.tasks.set(idx, updated);
        p.spent += cost;
        spends.add(new Spend(clock.instant(), p.name, MODEL, cost));
        publish(p.id, "task.tokens", Map.of("taskId", t.id(), "inputTokens", updated.inputTokens(),
                "outputTokens", updated.outputTokens(), "costMicros", updated.costMicros()));
        publish(p.id, "project.spend", Map.of("spentMicros", p.spent));
        int steps = p.stepsDone.merge(t.id(), 1, Integer::sum);
        if (steps % 4 == 0) {
            log(p, "debug", t.id(), "“" + t.title() + "” streamed " + Format.tokens(updated.outputTokens()) + " output tokens");
        }
        if (steps >= options.stepsPerTask()) {
            setTaskStatus(p, idx, TaskStatus.COMPLETED);
            log(p, "info", t.id(), "Completed “" + t.title() + "”.");
            unblock(p);
            fillSlots(p);
            if (p.tasks.stream().allMatch(r -> r.status().isTerminal())) {
                finish(p, ProjectStatus.COMPLETED);
            }
        }
    }

    /** Tiny local copy so the demo does not depend on UI formatting classes. */
    private static final class Format {
        static String tokens(long n) {
            return String.format(Locale.ROOT, "%,d", n);
        }
    }

    private void unblock(Project p) {
        for (int i = 0; i < p.tasks.size(); i++) {
            RunTask t = p.tasks.get(i);
            if (t.status() == TaskStatus.BLOCKED && t.dependsOn().stream().allMatch(d -> p.tasks.stream()
                    .anyMatch(o -> o.id().equals(d) && o.status() == TaskStatus.COMPLETED))) {
                setTaskStatus(p, i, TaskStatus.PENDING);
            }
        }
    }

    private void fillSlots(Project p) {
        long running = p.tasks.stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
        for (int i = 0; i < p.tasks.size() && running < options.concurrency(); i++) {
            if (p.tasks.get(i).status() == TaskStatus.PENDING) {
                setTaskStatus(p, i, TaskStatus.RUNNING);
                log(p, "info", p.tasks.get(i).id(), "Started “" + p.tasks.get(i).title() + "” on " + MODEL + ".");
                running++;
            }
        }
    }

    private void finish(Project p, ProjectStatus status) {
        if (p.run != null) {
            p.run.cancel(false);
            p.run = null;
        }
        setStatus(p, status);
        log(p, "info", null, "Run " + status.name().toLowerCase(Locale.ROOT) + ". Spent " + Money.format(p.spent) + ".");
    }

    private void setTaskStatus(Project p, int idx, TaskStatus s) {
        RunTask t = p.tasks.get(idx);
        p.tasks.set(idx, t.withStatus(s));
        p.lastActivity = clock.instant();
        if (s == TaskStatus.RUNNING) {
            p.startedAt.put(t.id(), clock.instant());
        } else if (s.isTerminal() && p.startedAt.containsKey(t.id())) {
            p.endedAt.put(t.id(), clock.instant());
        }
        if (s == TaskStatus.COMPLETED) {
            writeNotes(p, t);
        }
        publish(p.id, "task.status", Map.of("taskId", t.id(), "status", s.name()));
    }

    private void setStatus(Project p, ProjectStatus s) {
        p.status = s;
        p.lastActivity = clock.instant();
        publish(p.id, "project.status", Map.of("status", s.name()));
    }

    private void log(Project p, String level, String taskId, String message) {
        LogLine line = new LogLine(clock.instant(), level, taskId, message);
        p.log.add(line);
        if (p.log.size() > 2000) {
            p.log.subList(0, 1000).clear();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("level", level);
        payload.put("message", message);
        if (taskId != null) {
            payload.put("taskId", taskId);
        }
        publish(p.id, "log", payload);
    }

    private void record(Project p, String model, long micros) {
        p.spent += micros;
        spends.add(new Spend(clock.instant(), p.name, model, micros));
    }

    // ---------------------------------------------------------------- events

    @Override
    public AutoCloseable subscribe(User actor, String projectId, Consumer<Event> listener) {
        String key = projectId == null ? "" : projectId;
        listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(key, List.of()).remove(listener);
    }

    private void publish(String projectId, String type, Map<String, ?> payload) {
        ObjectNode node = Json.mapper().valueToTree(payload);
        Event e = new Event(eventIds.incrementAndGet(), projectId, type, node, clock.instant());
        listeners.getOrDefault(projectId, List.of()).forEach(l -> l.accept(e));
    }

    // ---------------------------------------------------------------- tasks

    @Override
    public synchronized TaskReport task(User actor, String taskId) {
        for (Project p : projects.values()) {
            for (RunTask t : p.tasks) {
                if (t.id().equals(taskId)) {
                    project(actor, p.id);
                    return detail(p, t);
                }
            }
        }
        throw new NotFoundException("This task does not exist or is not yours.");
    }

    private TaskReport detail(Project p, RunTask t) {
        boolean done = t.status() == TaskStatus.COMPLETED;
        String output = done ? "## " + t.title() + "\n\nThe task is **done**. Summary of the work:\n\n"
                + "- Read the requirements and the outputs of the tasks before it\n"
                + "- Wrote `notes/" + t.id() + ".md` with the result\n"
                + "- Checked the result against the acceptance criteria\n\n"
                + "```\nresult: ok\ntokens: " + t.outputTokens() + "\n```\n\n> Produced by the *Simulated* provider: no model was called.\n"
                : "";
        Instant at = p.endedAt.getOrDefault(t.id(), p.lastActivity);
        List<TaskDetail.ToolCall> calls = done ? List.of(
                new TaskDetail.ToolCall(1, 1, 1, "search_knowledge", "{\"query\": \"" + t.title() + "\"}", "3 passages found", false, at),
                new TaskDetail.ToolCall(2, 1, 1, "write_file", "{\"path\": \"" + notesPath(t) + "\"}",
                        "Wrote 60 bytes to " + notesPath(t) + ".", false, at))
                : List.of();
        List<TaskHistory.Attempt> attempts = !p.startedAt.containsKey(t.id()) ? List.of()
                : List.of(new TaskHistory.Attempt(1, p.startedAt.get(t.id()), p.endedAt.get(t.id()), outcome(t.status()), null));
        String retryReason = t.status() == TaskStatus.FAILED ? null : "Only a failed task can be retried.";
        List<TaskFile> files = done ? List.of(new TaskFile(notesPath(t), workspace(p).resolve(notesPath(t)),
                p.endedAt.getOrDefault(t.id(), p.lastActivity))) : List.of();
        return new TaskReport(t.id(), p.id, p.name, t.title(), "Part of “" + p.name + "”: " + t.title() + ".",
                t.status(), "simulated", MODEL, true,
                "You are working on the project “" + p.name + "”.\nRequirements:\n" + p.requirements,
                output, calls, attempts, settings.maxAttempts(), retryReason, files,
                t.inputTokens(), t.outputTokens(), t.costMicros());
    }

    private static TaskHistory.Outcome outcome(TaskStatus s) {
        return switch (s) {
            case COMPLETED -> TaskHistory.Outcome.COMPLETED;
            case FAILED -> TaskHistory.Outcome.FAILED;
            case CANCELLED -> TaskHistory.Outcome.CANCELLED;
            case RUNNING -> TaskHistory.Outcome.RUNNING;
            default -> TaskHistory.Outcome.INTERRUPTED;
        };
    }

    private Path workspace(Project p) {
        return settings.dataFolder().resolve("workspaces").resolve(p.id);
    }

    private static String notesPath(RunTask t) {
        return "notes/" + t.id() + ".md";
    }

    /** The demo's tasks "write" one notes file each into the project's workspace, as a write_file call would. */
    private void writeNotes(Project p, RunTask t) {
        try {
            Path file = workspace(p).resolve(notesPath(t));
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# " + t.title() + "\n\nNotes written by the demo backend.\n");
        } catch (IOException e) {
            log(p, "warn", t.id(), "Could not write the notes file: " + e.getMessage());
        }
    }

    @Override
    public synchronized void retry(User actor, String taskId) {
        TaskReport d = task(actor, taskId);
        if (d.retryBlockedReason() != null) {
            throw new ConflictException(d.retryBlockedReason());
        }
    }

    // ---------------------------------------------------------------- usage

    @Override
    public synchronized UsageReport report(User actor) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long todaySum = 0, month = 0;
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        for (int i = 13; i >= 0; i--) {
            byDay.put(today.minusDays(i), 0L);
        }
        Map<String, Long> byProject = new LinkedHashMap<>();
        Map<String, Long> byModel = new LinkedHashMap<>();
        for (Spend s : spends) {
            LocalDate d = LocalDate.ofInstant(s.at, ZoneOffset.UTC);
            if (d.equals(today)) {
                todaySum += s.micros;
            }
            if (d.getMonth() == today.getMonth() && d.getYear() == today.getYear()) {
                month += s.micros;
            }
            byDay.computeIfPresent(d, (k, v) -> v + s.micros);
            byProject.merge(s.projectName, s.micros, Long::sum);
            byModel.merge(s.model, s.micros, Long::sum);
        }
        return new UsageReport(todaySum, settings.dailyBudgetMicros(), month, settings.monthlyBudgetMicros(),
                byDay.entrySet().stream().map(e -> new DailySpend(e.getKey(), e.getValue())).toList(),
                byProject.entrySet().stream().map(e -> new NamedSpend(e.getKey(), e.getValue())).toList(),
                byModel.entrySet().stream().map(e -> new NamedSpend(e.getKey(), e.getValue())).toList());
    }

    @Override
    public void exportCsv(User actor, Path target) {
        StringBuilder sb = new StringBuilder("at,project,model,cost_usd\n");
        synchronized (this) {
            for (Spend s : spends) {
                sb.append(s.at).append(',').append('"').append(s.projectName.replace("\"", "\"\"")).append('"')
                        .append(',').append(s.model).append(',')
                        .append(Money.microsToUsd(s.micros).toPlainString()).append('\n');
            }
        }
        try {
            Files.writeString(target, sb);
        } catch (IOException e) {
            throw new StorageException("Could not write " + target.getFileName() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- knowledge

    private static final class Kb {
        final String id;
        final String name;
        final Path folder;
        final Map<String, String> docs = new LinkedHashMap<>();
        String state = "empty";

        Kb(String id, String name, Path folder) {
            this.id = id;
            this.name = name;
            this.folder = folder;
        }
    }

    @Override
    public synchronized List<KnowledgeBaseView> knowledgeBases(User actor) {
        return kbs.values().stream().map(k -> new KnowledgeBaseView(k.id, k.name, k.folder, k.docs.size(),
                k.docs.values().stream().mapToInt(v -> 1 + v.length() / 500).sum(), k.state)).toList();
    }

    @Override
    public Path ownFolder(User actor) {
        return Path.of(System.getProperty("java.io.tmpdir"), "orchestration-demo", "knowledge", actor.id());
    }

    @Override
    public synchronized KnowledgeBaseView addFolder(User actor, String name, Path folder) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "Give the knowledge base a name.");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ValidationException("folder", "Choose an existing folder.");
        }
        Kb k = new Kb(UUID.randomUUID().toString(), name.strip(), folder);
        kbs.put(k.id, k);
        return knowledgeBases(actor).stream().filter(v -> v.id().equals(k.id)).findFirst().orElseThrow();
    }

    @Override
    public void index(User actor, String knowledgeBaseId, BiConsumer<Integer, Integer> progress, CancellationToken cancel) {
        Kb k;
        synchronized (this) {
            k = kbs.get(knowledgeBaseId);
            if (k == null) {
                throw new NotFoundException("This knowledge base does not exist.");
            }
            k.state = "indexing";
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(k.folder, 4)) {
            files = s.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(md|txt|java|py)$")).limit(500).toList();
        } catch (IOException e) {
            synchronized (this) {
                k.state = "failed";
            }
            throw new StorageException("Could not read the folder: " + e.getMessage(), e);
        }
        for (int i = 0; i < files.size(); i++) {
            if (cancel.isCancelled()) {
                synchronized (this) {
                    k.state = k.docs.isEmpty() ? "empty" : "ready";
                }
                throw new ConflictException("Indexing was cancelled.");
            }
            try {
                String text = Files.readString(files.get(i));
                synchronized (this) {
                    k.docs.put(k.folder.relativize(files.get(i)).toString(), text);
                }
            } catch (IOException | UncheckedIOException e) {
                // unreadable or binary file: skipped, like the real indexer
            }
            progress.accept(i + 1, files.size());
            waitOrCancelled(cancel, Duration.ofMillis(5)); // a demo pace; the loop checks cancel next
        }
        synchronized (this) {
            k.state = k.docs.isEmpty() ? "empty" : "ready";
        }
    }

    @Override
    public synchronized List<SearchHit> search(User actor, String knowledgeBaseId, String query, int limit) {
        Kb k = kbs.get(knowledgeBaseId);
        if (k == null) {
            throw new NotFoundException("This knowledge base does not exist.");
        }
        String[] words = query.toLowerCase(Locale.ROOT).split("\\s+");
        List<SearchHit> hits = new ArrayList<>();
        k.docs.forEach((doc, text) -> text.lines().forEach(line -> {
            String lower = line.toLowerCase(Locale.ROOT);
            long matched = Stream.of(words).filter(w -> !w.isBlank() && lower.contains(w)).count();
            if (matched > 0) {
                hits.add(new SearchHit(doc, line.strip(), (double) matched / words.length));
            }
        }));
        hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return hits.subList(0, Math.min(limit, hits.size()));
    }

    @Override
    public synchronized void deleteKnowledgeBase(User actor, String knowledgeBaseId) {
        kbs.remove(knowledgeBaseId);
    }

    // ---------------------------------------------------------------- services

    @Override
    public List<ServiceHealth> health() {
        return List.of(
                new ServiceHealth("Anthropic", !anthropicKey.isBlank(), anthropicKey.isBlank() ? 0 : 212,
                        anthropicKey.isBlank() ? "No API key set." : null),
                new ServiceHealth("Ollama", true, 14, null),
                new ServiceHealth("ComfyUI", false, 0, "Connection refused at http://127.0.0.1:8188."));
    }

    @Override
    public List<ToolState> tools() {
        return List.of(
                new ToolState("search_knowledge", "Searches the project's knowledge bases", true, null),
                new ToolState("read_file", "Reads a file in the task's workspace", true, null),
                new ToolState("write_file", "Writes a file in the task's workspace", true, null),
                new ToolState("list_files", "Lists files in the workspace", true, null),
                new ToolState("ollama_generate", "Asks a local Ollama model", true, null),
                new ToolState("generate_image", "Creates an image with ComfyUI", false, "ComfyUI is not reachable."));
    }

    @Override
    public ConnectionCheck testAnthropic(String apiKey) {
        if (apiKey == null || !apiKey.strip().startsWith("sk-ant-")) {
            return new ConnectionCheck(false, "That does not look like an Anthropic key (it starts with sk-ant-).");
        }
        return new ConnectionCheck(true, "Connected to Anthropic.");
    }

    @Override
    public ConnectionCheck testOllama(String baseUrl) {
        if (baseUrl == null || !baseUrl.strip().matches("https?://[^\\s]+")) {
            return new ConnectionCheck(false, "Enter a URL such as http://localhost:11434.");
        }
        return new ConnectionCheck(true, "Ollama answered with 3 models.");
    }

    // ---------------------------------------------------------------- settings

    @Override
    public synchronized SetupState setupState() {
        return setup;
    }

    @Override
    public synchronized User completeFirstRun(FirstRunRequest r) {
        if (!r.simulated() && r.anthropicKey().isBlank() && r.ollamaUrl().isBlank()) {
            throw new ValidationException("provider", "Choose Simulated mode or give an Anthropic key or an Ollama URL.");
        }
        anthropicKey = r.anthropicKey().strip();
        settings = withBudgets(settings, r);
        setup = new SetupState(true, r.multiUser());
        if (r.multiUser()) {
            User admin = new User(UUID.randomUUID().toString(), r.adminEmail().strip(), r.adminEmail().strip(), Role.ADMIN, true);
            accounts.put(admin.email().toLowerCase(Locale.ROOT), new Account(admin, r.adminPassword(), clock.instant()));
            return admin;
        }
        return local;
    }

    private AppSettings withBudgets(AppSettings s, FirstRunRequest r) {
        return new AppSettings(mask(r.anthropicKey()), r.ollamaUrl().isBlank() ? s.ollamaUrl() : r.ollamaUrl().strip(),
                r.simulated(), s.routing(), s.builtInRouting(), s.prices(), r.dailyBudgetMicros(),
                r.monthlyBudgetMicros(), s.projectBudgetMicros(), s.concurrency(), s.maxAttempts(), s.apiEnabled(),
                s.apiPort(), s.closeToTray(), s.dataFolder(), s.logFolder());
    }

    private static String mask(String key) {
        String k = key == null ? "" : key.strip();
        return k.length() < 12 ? (k.isEmpty() ? "" : "••••") : k.substring(0, 7) + "…" + k.substring(k.length() - 4);
    }

    @Override
    public synchronized AppSettings load(User actor) {
        return settings;
    }

    @Override
    public synchronized void save(User actor, AppSettings s) {
        if (setup.multiUser() && !actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator can change settings.");
        }
        checkRouting(s.routing());
        checkPrices(s.prices());
        settings = new AppSettings(settings.anthropicKeyMasked(), s.ollamaUrl(), s.simulated(),
                s.routing(), s.builtInRouting(), s.prices(), s.dailyBudgetMicros(), s.monthlyBudgetMicros(), s.projectBudgetMicros(),
                s.concurrency(), s.maxAttempts(), s.apiEnabled(), s.apiPort(), s.closeToTray(), s.dataFolder(), s.logFolder());
    }

    /** The same checks as the engine's settings service, with the same field names. */
    private static void checkRouting(List<RoutingRule> rules) {
        for (RoutingRule r : rules) {
            String field = "model_routing." + switch (r.scope()) {
                case PLANNING -> "planning";
                case COMPLEXITY -> r.value();
                case TASK_TYPE -> "task_types." + r.value();
            };
            if (r.scope() != RoutingRule.Scope.PLANNING && r.value().isBlank()) {
                throw new ValidationException(field, "Name what the rule applies to.");
            }
            if (r.provider() == null || !RoutingRule.PROVIDERS.contains(r.provider())) {
                throw new ValidationException(field + ".provider", "Give the route a provider (anthropic, ollama or simulated).");
            }
            if (r.model() == null || r.model().isBlank()) {
                throw new ValidationException(field + ".model", "Give the route a model (a non-empty string).");
            }
        }
    }

    private static void checkPrices(List<ModelPrice> prices) {
        for (ModelPrice p : prices) {
            if (p.model() == null || p.model().isBlank()) {
                throw new ValidationException("prices", "Names must be 1-200 characters without control characters.");
            }
            if (p.inputMicrosPerMTok() < 0) {
                throw new ValidationException("prices." + p.model() + ".input", "A price must be a number of dollars, 0 or more.");
            }
            if (p.outputMicrosPerMTok() < 0) {
                throw new ValidationException("prices." + p.model() + ".output", "A price must be a number of dollars, 0 or more.");
            }
        }
    }

    @Override
    public synchronized void setAnthropicKey(User actor, String apiKey) {
        anthropicKey = apiKey == null ? "" : apiKey.strip();
        AppSettings s = settings;
        settings = new AppSettings(mask(anthropicKey), s.ollamaUrl(), s.simulated(), s.routing(), s.builtInRouting(),
                s.prices(), s.dailyBudgetMicros(), s.monthlyBudgetMicros(), s.projectBudgetMicros(), s.concurrency(),
                s.maxAttempts(), s.apiEnabled(), s.apiPort(), s.closeToTray(), s.dataFolder(), s.logFolder());
    }

    @Override
    public synchronized List<ApiKeyView> apiKeys(User actor) {
        return List.copyOf(apiKeys);
    }

    @Override
    public synchronized String createApiKey(User actor, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "Give the key a name.");
        }
        String secret = "oe_" + UUID.randomUUID().toString().replace("-", "");
        apiKeys.add(new ApiKeyView(UUID.randomUUID().toString(), name.strip(), secret.substring(0, 7), clock.instant(), null));
        return secret;
    }

    @Override
    public synchronized void revokeApiKey(User actor, String keyId) {
        apiKeys.removeIf(k -> k.id().equals(keyId));
    }

    @Override
    public synchronized List<Path> knowledgeRoots(User actor) {
        return knowledgeRoots;
    }

    @Override
    public synchronized List<Path> saveKnowledgeRoots(User actor, List<Path> roots) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator can change settings.");
        }
        for (Path root : roots) {
            if (!root.isAbsolute() || !Files.isDirectory(root)) {
                throw new ValidationException("knowledge_allowed_roots", "The folder " + root + " does not exist.");
            }
        }
        knowledgeRoots = List.copyOf(roots);
        return knowledgeRoots;
    }

    @Override
    public synchronized UiPrefs uiPrefs() {
        return prefs;
    }

    @Override
    public synchronized void saveUiPrefs(UiPrefs p) {
        prefs = p;
    }

    // ---------------------------------------------------------------- accounts

    private record Account(User user, String password, Instant createdAt) {
    }

    @Override
    public User localUser() {
        return local;
    }

    @Override
    public synchronized User signIn(String email, String password) {
        Account a = accounts.get(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
        if (a == null || !a.password.equals(password) || !a.user.active()) {
            throw new UnauthorizedException("Email or password is incorrect.");
        }
        return a.user;
    }

    @Override
    public synchronized User register(String email, String displayName, String password) {
        if (!registrationOpen) {
            throw new ForbiddenException("Registration is closed. Ask an administrator for an account.");
        }
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new ValidationException("email", "Enter a valid email address.");
        }
        if (password == null || password.length() < 10) {
            throw new ValidationException("password", "Use at least 10 characters for the password.");
        }
        if (accounts.containsKey(e)) {
            // generic, like the core: does not reveal that the address is taken
            throw new ValidationException("Registration failed. Check the details and try again.");
        }
        User u = new User(UUID.randomUUID().toString(), e, displayName == null || displayName.isBlank() ? e : displayName.strip(),
                Role.USER, true);
        accounts.put(e, new Account(u, password, clock.instant()));
        return u;
    }

    @Override
    public synchronized boolean registrationOpen() {
        return registrationOpen;
    }

    private void requireAdmin(User admin) {
        if (!admin.isAdmin()) {
            throw new ForbiddenException("Only an administrator can manage users.");
        }
    }

    @Override
    public synchronized List<UserRow> users(User admin) {
        requireAdmin(admin);
        List<UserRow> rows = new ArrayList<>();
        if (accounts.isEmpty()) {
            rows.add(new UserRow(local, clock.instant()));
        }
        accounts.values().forEach(a -> rows.add(new UserRow(a.user, a.createdAt)));
        return rows;
    }

    private Account account(String userId) {
        return accounts.values().stream().filter(a -> a.user.id().equals(userId)).findFirst()
                .orElseThrow(() -> new NotFoundException("This user does not exist."));
    }

    @Override
    public synchronized void setRole(User admin, String userId, Role role) {
        requireAdmin(admin);
        Account a = account(userId);
        User u = a.user;
        accounts.put(u.email(), new Account(new User(u.id(), u.email(), u.displayName(), role, u.active()), a.password, a.createdAt));
    }

    @Override
    public synchronized void setActive(User admin, String userId, boolean active) {
        requireAdmin(admin);
        if (admin.id().equals(userId) && !active) {
            throw new ConflictException("You cannot deactivate your own account.");
        }
        Account a = account(userId);
        User u = a.user;
        accounts.put(u.email(), new Account(new User(u.id(), u.email(), u.displayName(), u.role(), active), a.password, a.createdAt));
    }

    @Override
    public synchronized String resetPassword(User admin, String userId) {
        requireAdmin(admin);
        Account a = account(userId);
        String temp = UUID.randomUUID().toString().substring(0, 12);
        accounts.put(a.user.email(), new Account(a.user, temp, a.createdAt));
        return temp;
    }

    @Override
    public synchronized void setRegistrationOpen(User admin, boolean open) {
        requireAdmin(admin);
        registrationOpen = open;
    }
}
