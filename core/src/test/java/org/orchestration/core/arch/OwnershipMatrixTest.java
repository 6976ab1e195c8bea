package org.orchestration.core.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.ApiKeyInfo;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.budget.BudgetPatch;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.Subscription;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.PlanTask;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.planning.TaskEdit;
import org.orchestration.core.projects.NewProject;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.rag.IndexProgressListener;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeBaseSummary;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.SettingsPatch;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tasks.TaskPatch;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.testing.WiredServices;
import org.orchestration.core.usage.UsageService;
import org.orchestration.core.usage.UsageTotals;

/**
 * Issue 3's must-show: ONE table of every service operation that touches a project, plan, task,
 * event stream, usage figure, knowledge base, API key or global setting, each called on the real
 * services (real SQLite file) as another user, as an admin and with no user at all.
 *
 * <p>The table is complete by construction: {@link #everyPublicOperationTakingAUserIsInTheTable()}
 * lists the public methods of the service classes that take a {@link User} by reflection and fails
 * for any that has no row, so a new operation without an authorization test fails the suite.
 */
class OwnershipMatrixTest {

    /** The services whose every public operation with an acting user must be in the table. */
    private static final List<Class<?>> SERVICES = List.of(ProjectService.class, TaskService.class, PlanService.class,
            Planner.class, PlanEditor.class, Decomposer.class, CostForecast.class, Executor.class, UsageService.class,
            BudgetManager.class, ProgressBus.class, KnowledgeBaseService.class, KnowledgeSearch.class, TokenService.class,
            SettingsService.class, ApiKeyService.class);

    private static final String PLAN_JSON = """
            {"summary": "Two steps", "tasks": [
              {"title": "First", "description": "Do the first thing", "task_type": "code", "complexity": "medium", "depends_on": []},
              {"title": "Second", "description": "Do the second thing", "task_type": "code", "complexity": "medium", "depends_on": [0]}]}
            """;

    @TempDir
    static Path dir;
    private static WiredServices s;
    private static User alice;
    private static User bob;
    private static User admin;

    /** How a row is expected to behave for the other user. */
    enum Rule {
        /** Acts on alice's resource: bob gets Forbidden (NotFound only where the row says so); admin passes the check. */
        OWNER_OR_ADMIN,
        /** Global setting: bob gets Forbidden, admin succeeds. */
        ADMIN_ONLY,
        /** A listing or total: bob's answer leaves alice's resource out, admin's includes it. */
        SCOPED,
        /** A listing of the caller's own rows only, even for an admin (personal API keys). */
        OWN_ROWS_ONLY,
        /** Acts on the caller's own account only (creating a resource of their own): any user succeeds. */
        SELF
    }

    /** One service operation: its signature, the rule, and how to call it for a user in a fresh world. */
    record Row(String signature, Rule rule, Function<World, Function<User, Object>> call, Predicate<Object> showsAlices) {
    }

    private static final Map<String, Row> TABLE = new LinkedHashMap<>();

    private static void row(Class<?> service, String method, String params, Rule rule, Function<World, Function<User, Object>> call) {
        row(service, method, params, rule, call, r -> true);
    }

    private static void row(Class<?> service, String method, String params, Rule rule, Function<World, Function<User, Object>> call,
                            Predicate<Object> showsAlices) {
        String signature = service.getSimpleName() + "." + method + "(" + params + ")";
        if (TABLE.put(signature, new Row(signature, rule, call, showsAlices)) != null) {
            throw new IllegalStateException("Row listed twice: " + signature);
        }
    }

    static {
        // ---- projects
        row(ProjectService.class, "create", "User,String,String", Rule.SELF, w -> u -> s.projects.create(u, "Mine", "Needs"));
        row(ProjectService.class, "create", "User,String,String,Long", Rule.SELF, w -> u -> s.projects.create(u, "Mine", "Needs", 5L));
        row(ProjectService.class, "create", "User,NewProject", Rule.SELF,
                w -> u -> s.projects.create(u, new NewProject("Mine", null, null)));
        row(ProjectService.class, "list", "User", Rule.SCOPED, w -> u -> s.projects.list(u),
                r -> ((List<?>) r).stream().anyMatch(p -> ((ProjectSummary) p).ownerId().equals(alice.id())));
        row(ProjectService.class, "list", "User,String", Rule.SCOPED, w -> u -> s.projects.list(u, null),
                r -> ((List<?>) r).stream().anyMatch(p -> ((ProjectSummary) p).ownerId().equals(alice.id())));
        row(ProjectService.class, "get", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.projects.get(u, w.planned.id()));
        row(ProjectService.class, "update", "User,String,ProjectPatch", Rule.OWNER_OR_ADMIN,
                w -> u -> s.projects.update(u, w.planned.id(), ProjectPatch.name("Renamed")));
        row(ProjectService.class, "delete", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.projects.delete(u, w.planned.id());
            return null;
        });
        row(ProjectService.class, "workspace", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.projects.workspace(u, w.planned.id()));
        row(ProjectService.class, "detail", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.projects.detail(u, w.planned.id()));
        row(ProjectService.class, "spentMicros", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.projects.spentMicros(u, w.planned.id()));
        // ---- tasks
        row(TaskService.class, "list", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.tasks.list(u, w.ready.id()));
        row(TaskService.class, "dependencies", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.tasks.dependencies(u, w.ready.id()));
        row(TaskService.class, "get", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.tasks.get(u, w.taskId));
        row(TaskService.class, "update", "User,String,TaskPatch", Rule.OWNER_OR_ADMIN,
                w -> u -> s.tasks.update(u, w.taskId, new TaskPatch(null, null, 70, null)));
        // ---- plans
        row(PlanService.class, "get", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.plans.get(u, w.draft.id()));
        row(PlanService.class, "list", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.plans.list(u, w.planned.id()));
        row(PlanService.class, "current", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.plans.current(u, w.planned.id()));
        row(PlanService.class, "currentWithForecast", "User,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.plans.currentWithForecast(u, w.planned.id()));
        row(PlanService.class, "approveCurrent", "User,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.plans.approveCurrent(u, w.planned.id()));
        row(Planner.class, "generatePlan", "User,String,CancellationToken", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 200, 0, 0));
            return s.planner.generatePlan(u, w.planned.id(), CancellationToken.none());
        });
        row(Planner.class, "startPlan", "User,String,CancellationToken,Executor", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 200, 0, 0));
            return s.planner.startPlan(u, w.planned.id(), CancellationToken.none(), Runnable::run).plan().join();
        });
        row(CostForecast.class, "forecast", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.costForecast.forecast(u, w.draft.id()));
        row(Decomposer.class, "approve", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.decomposer.approve(u, w.draft.id()));
        row(PlanEditor.class, "renameTask", "User,String,int,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.renameTask(u, w.draft.id(), 0, "Renamed"));
        row(PlanEditor.class, "setDescription", "User,String,int,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.setDescription(u, w.draft.id(), 0, "New words"));
        row(PlanEditor.class, "setTaskType", "User,String,int,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.setTaskType(u, w.draft.id(), 0, "research"));
        row(PlanEditor.class, "setComplexity", "User,String,int,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.setComplexity(u, w.draft.id(), 0, "simple"));
        row(PlanEditor.class, "setPriority", "User,String,int,int", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.setPriority(u, w.draft.id(), 0, 90));
        row(PlanEditor.class, "setModel", "User,String,int,ModelRoute", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.setModel(u, w.draft.id(), 0, new ModelRoute("anthropic", "claude-haiku-4-5")));
        row(PlanEditor.class, "addTask", "User,String,PlanTask", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.addTask(u, w.draft.id(), PlanTask.of("Third", "More", "code", "simple")));
        row(PlanEditor.class, "removeTask", "User,String,int", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.removeTask(u, w.draft.id(), 1));
        row(PlanEditor.class, "addDependency", "User,String,int,int", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.addDependency(u, w.draft.id(), 0, 1));
        row(PlanEditor.class, "removeDependency", "User,String,int,int", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.removeDependency(u, w.draft.id(), 1, 0));
        row(PlanEditor.class, "editTask", "User,String,int,TaskEdit", Rule.OWNER_OR_ADMIN,
                w -> u -> s.planEditor.editTask(u, w.draft.id(), 0, new TaskEdit("Edited", "New words", "simple")));
        // ---- execution (admin calls on a READY project that has nothing to run: no model call is made)
        row(Executor.class, "start", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.executor.start(u, w.planned.id()); // PLANNED: past the check, the executor answers 409
            return null;
        });
        row(Executor.class, "pause", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.executor.pause(u, w.ready.id());
            return null;
        });
        row(Executor.class, "resume", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.executor.resume(u, w.ready.id());
            return null;
        });
        row(Executor.class, "cancel", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.executor.cancel(u, w.ready.id());
            return null;
        });
        row(Executor.class, "retryTask", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.executor.retryTask(u, w.taskId);
            return null;
        });
        row(Executor.class, "retryStanding", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.executor.retryStanding(u, w.taskId));
        row(Executor.class, "setConcurrency", "User,int", Rule.ADMIN_ONLY, w -> u -> {
            s.executor.setConcurrency(u, 3);
            return null;
        });
        // ---- usage and budget (alice's planning calls are her project's spend)
        row(UsageService.class, "summary", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.usage.summary(u, w.planned.id()));
        row(UsageService.class, "byProject", "User,LocalDate,LocalDate", Rule.SCOPED, w -> u -> s.usage.byProject(u, today(), today()),
                r -> ((List<?>) r).stream().anyMatch(t -> alicesProjects().contains(((UsageTotals) t).key())));
        row(UsageService.class, "byProjectThisYear", "User", Rule.SCOPED, w -> u -> s.usage.byProjectThisYear(u),
                r -> ((List<?>) r).stream().anyMatch(t -> alicesProjects().contains(((UsageTotals) t).key())));
        row(UsageService.class, "byDay", "User,LocalDate,LocalDate", Rule.SCOPED, w -> u -> s.usage.byDay(u, today(), today()),
                r -> ((List<?>) r).stream().anyMatch(t -> ((UsageTotals) t).costMicros() > 0));
        row(UsageService.class, "byModel", "User,LocalDate,LocalDate", Rule.SCOPED, w -> u -> s.usage.byModel(u, today(), today()),
                r -> !((List<?>) r).isEmpty());
        row(UsageService.class, "byPurpose", "User,LocalDate,LocalDate", Rule.SCOPED, w -> u -> s.usage.byPurpose(u, today(), today()),
                r -> !((List<?>) r).isEmpty());
        row(UsageService.class, "exportCsv", "User,LocalDate,LocalDate,Writer", Rule.SCOPED, w -> u -> {
            StringWriter out = new StringWriter();
            s.usage.exportCsv(u, today(), today(), out);
            return out.toString();
        }, r -> r.toString().lines().count() > 1);
        row(BudgetManager.class, "status", "User", Rule.SELF, w -> u -> s.budget.status(u));
        row(BudgetManager.class, "setLimits", "User,double,double", Rule.ADMIN_ONLY, w -> u -> {
            s.budget.setLimits(u, 50, 500);
            return null;
        });
        row(BudgetManager.class, "update", "User,BudgetPatch", Rule.ADMIN_ONLY,
                w -> u -> s.budget.update(u, new BudgetPatch(50_000_000L, null)));
        row(BudgetManager.class, "setProjectLimit", "User,String,Long", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.budget.setProjectLimit(u, w.planned.id(), 2_000_000L);
            return null;
        });
        // ---- events
        row(ProgressBus.class, "subscribe", "User,String,Consumer", Rule.OWNER_OR_ADMIN, w -> u -> {
            try (Subscription sub = s.bus.subscribe(u, w.planned.id(), e -> { })) {
                return sub;
            }
        });
        row(ProgressBus.class, "subscribeDirect", "User,String,Consumer", Rule.OWNER_OR_ADMIN, w -> u -> {
            try (Subscription sub = s.bus.subscribeDirect(u, w.planned.id(), e -> { })) {
                return sub;
            }
        });
        row(ProgressBus.class, "subscribeAll", "User,Consumer", Rule.SELF, w -> u -> {
            try (Subscription sub = s.bus.subscribeAll(u, e -> { })) {
                return sub;
            }
        });
        row(ProgressBus.class, "replay", "User,String,long,int", Rule.OWNER_OR_ADMIN, w -> u -> s.bus.replay(u, w.planned.id(), 0, 10));
        row(ProgressBus.class, "replaySince", "User,String,long", Rule.OWNER_OR_ADMIN, w -> u -> s.bus.replaySince(u, w.planned.id(), 0));
        row(ProgressBus.class, "replayAll", "User,long,int", Rule.SCOPED, w -> u -> s.bus.replayAll(u, 0, ProgressBus.MAX_REPLAY),
                r -> ((List<?>) r).stream().anyMatch(e -> alicesProjects().contains(((StoredEvent) e).projectId())));
        row(TokenService.class, "issueAccessToken", "User", Rule.SELF, w -> u -> s.auth.tokens().issueAccessToken(u));
        row(TokenService.class, "issueSseToken", "User,String,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.auth.tokens().issueSseToken(u, w.planned.id(), w.planned.ownerId()));
        row(TokenService.class, "standing", "User", Rule.SELF, w -> u -> s.auth.tokens().standing(u));
        // ---- knowledge bases
        row(KnowledgeBaseService.class, "create", "User,String,String", Rule.SELF,
                w -> u -> s.knowledgeBases.create(u, "Mine", w.kbFolder.toString()));
        row(KnowledgeBaseService.class, "createAndIndex", "User,String,String", Rule.SELF,
                w -> u -> s.knowledgeBases.createAndIndex(u, "Mine", w.kbFolder.toString()));
        row(KnowledgeBaseService.class, "startIndexing", "User,String", Rule.OWNER_OR_ADMIN,
                w -> u -> s.knowledgeBases.startIndexing(u, w.kb.id()));
        row(KnowledgeBaseService.class, "ownFolder", "User", Rule.SELF, w -> u -> s.knowledgeBases.ownFolder(u));
        row(KnowledgeBaseService.class, "list", "User", Rule.SCOPED, w -> u -> s.knowledgeBases.list(u),
                r -> ((List<?>) r).stream().anyMatch(kb -> ((KnowledgeBase) kb).ownerId().equals(alice.id())));
        row(KnowledgeBaseService.class, "get", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.knowledgeBases.get(u, w.kb.id()));
        row(KnowledgeBaseService.class, "delete", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.knowledgeBases.delete(u, w.kb.id());
            return null;
        });
        row(KnowledgeBaseService.class, "reindex", "User,String,IndexProgressListener,CancellationToken", Rule.OWNER_OR_ADMIN,
                w -> u -> s.knowledgeBases.reindex(u, w.kb.id(), IndexProgressListener.NONE, new CancellationToken()).join());
        row(KnowledgeBaseService.class, "reindexAndWait", "User,String,IndexProgressListener,CancellationToken", Rule.OWNER_OR_ADMIN,
                w -> u -> {
                    s.knowledgeBases.reindexAndWait(u, w.kb.id(), IndexProgressListener.NONE, new CancellationToken());
                    return null;
                });
        row(KnowledgeBaseService.class, "summaries", "User", Rule.SCOPED, w -> u -> s.knowledgeBases.summaries(u),
                r -> ((List<?>) r).stream().anyMatch(kb -> alicesKnowledgeBases().contains(((KnowledgeBaseSummary) kb).id())));
        row(KnowledgeBaseService.class, "summary", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> s.knowledgeBases.summary(u, w.kb.id()));
        row(KnowledgeSearch.class, "search", "User,String,String,int", Rule.OWNER_OR_ADMIN,
                w -> u -> s.knowledgeSearch.search(u, w.kb.id(), "words", 5));
        row(KnowledgeSearch.class, "search", "User,String,String,int,Mode", Rule.OWNER_OR_ADMIN,
                w -> u -> s.knowledgeSearch.search(u, w.kb.id(), "words", 5, KnowledgeSearch.Mode.KEYWORD));
        row(KnowledgeSearch.class, "lookupSymbol", "User,String,String,int,List", Rule.OWNER_OR_ADMIN,
                w -> u -> s.knowledgeSearch.lookupSymbol(u, w.kb.id(), "Thing", 5, new ArrayList<>()));
        // ---- settings and API keys
        row(SettingsService.class, "get", "User", Rule.SELF, w -> u -> s.settingsService.get(u));
        row(SettingsService.class, "update", "User,SettingsPatch", Rule.ADMIN_ONLY,
                w -> u -> s.settingsService.update(u, new SettingsPatch(null, 4, null, null, null)));
        row(ApiKeyService.class, "create", "User,String", Rule.SELF, w -> u -> s.auth.apiKeys().create(u, "script"));
        row(ApiKeyService.class, "list", "User", Rule.OWN_ROWS_ONLY, w -> u -> s.auth.apiKeys().list(u),
                r -> ((List<?>) r).stream().anyMatch(k -> ((ApiKeyInfo) k).userId().equals(alice.id())));
        row(ApiKeyService.class, "listActive", "User", Rule.OWN_ROWS_ONLY, w -> u -> s.auth.apiKeys().listActive(u),
                r -> ((List<?>) r).stream().anyMatch(k -> ((ApiKeyInfo) k).userId().equals(alice.id())));
        row(ApiKeyService.class, "revoke", "User,String", Rule.OWNER_OR_ADMIN, w -> u -> {
            s.auth.apiKeys().revoke(u, w.aliceKeyId);
            return null;
        });
    }

    /** Fresh resources of alice's for one row, so an admin's change never affects another row. */
    static final class World {
        final Project planned;
        final Plan draft;
        final Project ready;
        final String taskId;
        final Path kbFolder;
        final KnowledgeBase kb;
        final String aliceKeyId;

        World() throws Exception {
            planned = s.projects.create(alice, "Planned", "Build a small thing in two steps.");
            s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 200, 0, 0));
            draft = s.planner.generatePlan(alice, planned.id(), CancellationToken.none());
            ready = s.projects.create(alice, "Ready", "Build another thing in two steps.");
            s.anthropic.enqueueText(PLAN_JSON, new TokenUsage(100, 200, 0, 0));
            Plan second = s.planner.generatePlan(alice, ready.id(), CancellationToken.none());
            taskId = s.decomposer.approve(alice, second.id()).taskIds().get(0);
            kbFolder = Files.createTempDirectory(dir, "kb");
            Files.writeString(kbFolder.resolve("notes.md"), "Some words about a Thing.");
            s.settings.put(KnowledgeRoots.ALLOWED_ROOTS_KEY, List.of(kbFolder.toRealPath().toString())); // every user may index it
            kb = s.knowledgeBases.create(alice, "Alice's notes", kbFolder.toString());
            aliceKeyId = s.auth.apiKeys().create(alice, "alice's script").info().id();
        }
    }

    @BeforeAll
    static void wire() throws Exception {
        s = new WiredServices(Files.createDirectories(dir.resolve("data"))); // knowledge folders live beside it, not inside
        alice = s.user(Role.USER);
        bob = s.user(Role.USER);
        admin = s.user(Role.ADMIN);
    }

    @AfterAll
    static void close() throws Exception {
        s.close();
    }

    private static LocalDate today() {
        return LocalDate.now(s.clock);
    }

    private static Set<String> alicesKnowledgeBases() {
        return s.knowledgeBases.list(alice).stream().map(KnowledgeBase::id).collect(Collectors.toSet());
    }

    private static Set<String> alicesProjects() {
        return s.projects.list(alice).stream().map(ProjectSummary::id).collect(Collectors.toSet());
    }

    @Test
    void everyPublicOperationTakingAUserIsInTheTable() {
        Set<String> operations = new TreeSet<>();
        for (Class<?> service : SERVICES) {
            for (Method m : service.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()
                        && Arrays.asList(m.getParameterTypes()).contains(User.class)) {
                    operations.add(service.getSimpleName() + "." + m.getName() + "("
                            + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")");
                }
            }
        }
        assertThat(TABLE.keySet())
                .as("service operations without a row in the ownership table (add one)")
                .containsAll(operations);
        assertThat(operations)
                .as("rows naming an operation that does not exist (renamed or removed?)")
                .containsAll(TABLE.keySet());
    }

    @TestFactory
    Stream<DynamicTest> anotherUserIsRefusedAnAdminIsNotAndNoUserIsUnauthorized() {
        return TABLE.values().stream().map(row -> DynamicTest.dynamicTest(row.signature(), () -> check(row)));
    }

    private static void check(Row row) throws Exception {
        World world = new World();
        Function<User, Object> call = row.call().apply(world);

        Throwable none = thrown(() -> call.apply(null));
        assertThat(none).as(row.signature() + " with no user").isInstanceOf(UnauthorizedException.class);

        switch (row.rule()) {
            case OWNER_OR_ADMIN, ADMIN_ONLY -> {
                Throwable other = thrown(() -> call.apply(bob));
                assertThat(other).as(row.signature() + " by another user").isInstanceOf(ForbiddenException.class);
                Throwable byAdmin = thrown(() -> call.apply(admin));
                assertPastTheCheck(row, byAdmin);
            }
            case SCOPED -> {
                Object bobs = call.apply(bob);
                assertThat(row.showsAlices().test(bobs)).as(row.signature() + " by another user shows alice's rows").isFalse();
                Object admins = call.apply(admin);
                assertThat(row.showsAlices().test(admins)).as(row.signature() + " by an admin shows alice's rows").isTrue();
            }
            case OWN_ROWS_ONLY -> {
                assertThat(row.showsAlices().test(call.apply(bob))).as(row.signature() + " by another user shows alice's rows").isFalse();
                assertThat(row.showsAlices().test(call.apply(admin))).as(row.signature() + " by an admin shows alice's rows").isFalse();
                assertThat(row.showsAlices().test(call.apply(alice))).as(row.signature() + " by alice shows her rows").isTrue();
            }
            case SELF -> {
                assertPastTheCheck(row, thrown(() -> call.apply(bob)));
                assertPastTheCheck(row, thrown(() -> call.apply(admin)));
            }
            default -> fail("rule " + row.rule());
        }
    }

    /** Succeeded, or failed for a reason after the access check (a state conflict, say), never 401/403/404. */
    private static void assertPastTheCheck(Row row, Throwable t) {
        if (t instanceof UnauthorizedException || t instanceof ForbiddenException || t instanceof NotFoundException) {
            fail(row.signature() + " refused an allowed user: " + t);
        }
        if (t != null && !(t instanceof AppException)) {
            fail(row.signature() + " failed unexpectedly", t);
        }
    }

    private static Throwable thrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        }
    }
}
