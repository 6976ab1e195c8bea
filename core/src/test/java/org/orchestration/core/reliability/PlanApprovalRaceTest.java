package org.orchestration.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.Plan;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.PlanTask;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.testing.FixedModelRouting;
import org.orchestration.core.testing.FixedPriceBook;
import org.orchestration.core.testing.RecordingEventPublisher;
import org.orchestration.core.testing.RecordingSpendGate;
import org.orchestration.core.testing.ScriptedChatProvider;
import org.orchestration.core.testing.TestDb;

/**
 * Concurrent edits of a DRAFT plan (real {@link PlanEditor}) while several threads approve it
 * (real {@link Decomposer}), over one real SQLite file. Each editor thread owns one task and
 * numbers its edits, so the outcome can be checked exactly: the approved tasks are the plan
 * body as of approval, every edit that reported success is in it (none lost, none after
 * approval), every edit started after approval is refused with 409, exactly one approval wins,
 * and nothing but the designed {@link ConflictException} is thrown.
 */
class PlanApprovalRaceTest {

    private static final int TASKS = 6;
    private static final int EDITORS = 4;
    private static final int APPROVERS = 3;

    @TempDir
    Path dir;
    private Database db;
    private ScriptedChatProvider provider;
    private ProjectService projects;
    private Planner planner;
    private PlanEditor editor;
    private Decomposer decomposer;
    private PlanService plans;
    private User owner;

    @BeforeEach
    void wire() {
        Clock clock = Clock.systemUTC();
        db = TestDb.open(dir);
        AppConfig.Planning config = new AppConfig.Planning(100, 50_000);
        provider = new ScriptedChatProvider("scripted");
        FixedModelRouting routing = new FixedModelRouting(new ModelRoute("scripted", "planner-model"), "scripted");
        FixedPriceBook prices = new FixedPriceBook().price("planner-model", 3_000_000, 15_000_000)
                .price("simple-model", 1_000_000, 5_000_000).price("medium-model", 3_000_000, 15_000_000)
                .price("complex-model", 15_000_000, 75_000_000);
        RecordingEventPublisher events = new RecordingEventPublisher();
        projects = new ProjectService(db, new SettingsStore(db, clock), config, dir.resolve("workspaces"), clock);
        planner = new Planner(db, projects, List.of(provider), routing, prices, new RecordingSpendGate(db), events, config, clock);
        editor = new PlanEditor(db, config.maxTasks(), clock);
        decomposer = new Decomposer(db, projects.table(), routing, events, clock);
        plans = new PlanService(db, projects, new CostForecast(db, routing, prices), decomposer);
        owner = TestDb.insertUser(db, Role.USER);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void approvalTakesThePlanExactlyAsEditedAndRefusesEveryLaterEdit() throws Exception {
        for (int round = 0; round < 15; round++) {
            raceOnce(round);
        }
    }

    @Tag("long")
    @Test
    void manyRoundsOfEditsDuringApprovalKeepTheInvariant() throws Exception {
        for (int round = 0; round < 400; round++) {
            raceOnce(round);
        }
    }

    private void raceOnce(int round) throws Exception {
        String projectId = projects.create(owner, "Race " + round, "Build it.").id();
        provider.reply(planJson());
        Plan draft = planner.generatePlan(owner, projectId, CancellationToken.none());

        int[] lastSuccess = new int[EDITORS];
        Arrays.fill(lastSuccess, -1);
        AtomicInteger successfulEdits = new AtomicInteger();
        AtomicReference<Decomposer.Approval> approval = new AtomicReference<>();
        // volatile-like publication through the AtomicReference: set only after approve() has returned
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        List<String> editsAfterApproval = new CopyOnWriteArrayList<>();
        AtomicInteger approvalConflicts = new AtomicInteger();
        Map<Integer, Integer> editsTried = new ConcurrentHashMap<>();
        int approveAfter = 3 + (round * 7) % 25; // approvals start after a varying number of edits

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(EDITORS + APPROVERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int e = 0; e < EDITORS; e++) {
            int task = e;
            futures.add(pool.submit(() -> {
                await(start);
                for (int n = 0; n < 10_000; n++) {
                    boolean approvedBefore = approval.get() != null;
                    editsTried.merge(task, 1, Integer::sum);
                    try {
                        editor.renameTask(owner, draft.id(), task, "t" + task + "-" + n);
                        lastSuccess[task] = n;
                        successfulEdits.incrementAndGet();
                        if (approvedBefore) {
                            editsAfterApproval.add("t" + task + "-" + n);
                        }
                    } catch (ConflictException refused) {
                        return; // the plan is APPROVED: the designed refusal
                    } catch (Throwable t) {
                        unexpected.add(t);
                        return;
                    }
                }
            }));
        }
        for (int a = 0; a < APPROVERS; a++) {
            futures.add(pool.submit(() -> {
                await(start);
                while (successfulEdits.get() < approveAfter && unexpected.isEmpty()) {
                    Thread.onSpinWait();
                }
                try {
                    Decomposer.Approval won = decomposer.approve(owner, draft.id());
                    if (!approval.compareAndSet(null, won)) {
                        unexpected.add(new AssertionError("a second approval succeeded"));
                    }
                } catch (ConflictException lost) {
                    approvalConflicts.incrementAndGet();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(unexpected).as("round %d: only 409s are designed", round).isEmpty();
        assertThat(approval.get()).as("round %d: one approval wins", round).isNotNull();
        assertThat(approvalConflicts.get()).as("round %d: the others get 409", round).isEqualTo(APPROVERS - 1);
        assertThat(editsAfterApproval).as("round %d: no edit succeeds once approve() returned", round).isEmpty();

        List<PlanTask> approvedBody = approval.get().plan().body().tasks();
        List<Map<String, Object>> rows = db.query("SELECT title, description, priority FROM tasks WHERE project_id = ? ORDER BY seq",
                rs -> Map.<String, Object>of("title", rs.getString(1), "description", rs.getString(2), "priority", rs.getInt(3)),
                projectId);
        assertThat(rows).as("round %d: tasks = plan body as approved", round)
                .containsExactlyElementsOf(approvedBody.stream().map(t -> Map.<String, Object>of("title", t.title(),
                        "description", t.description(), "priority", t.priority())).toList());
        assertThat(plans.get(owner, draft.id()).body()).as("round %d: nothing changed the body after approval", round)
                .isEqualTo(approval.get().plan().body());
        for (int e = 0; e < EDITORS; e++) {
            String expected = lastSuccess[e] < 0 ? "Task " + e : "t" + e + "-" + lastSuccess[e];
            assertThat(rows.get(e).get("title")).as("round %d: editor %d's last successful edit is what ran", round, e)
                    .isEqualTo(expected);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String planJson() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("summary", "A plan");
        root.putArray("phases").addObject().put("name", "Build").put("description", "Everything");
        ArrayNode tasks = root.putArray("tasks");
        for (int i = 0; i < TASKS; i++) {
            ObjectNode t = tasks.addObject().put("title", "Task " + i).put("description", "Do step " + i)
                    .put("task_type", "code").put("complexity", "simple").put("priority", 50);
            ArrayNode deps = t.putArray("depends_on");
            if (i > 0) {
                deps.add(i - 1);
            }
            t.putArray("tools");
            t.put("estimated_tokens", 1000);
        }
        return root.toString();
    }
}
