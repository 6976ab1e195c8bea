package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orchestration.core.planning.PlanningHarness.deps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orchestration.core.auth.Role;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.PlanReady;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectPatch;
import org.orchestration.core.testing.RecordingSpendGate;
import org.orchestration.core.testing.ScriptedChatProvider;
import org.orchestration.core.testing.TestDb;

class PlannerTest extends PlanningTestBase {

    private Project project(String requirements) {
        return h.projects.create(h.owner, "Site", requirements);
    }

    private Plan generate(Project p) {
        return h.planner.generatePlan(h.owner, p.id(), CancellationToken.none());
    }

    @Test
    void aGoodReplyBecomesADraftPlanAndThePlanIsReady() {
        Project p = project("Build a static web site with a contact form.");
        h.provider.reply("Sure! Here it is:\n```json\n" + PlanningHarness.planJson(deps(), deps(0)) + "\n```");

        Plan plan = generate(p);

        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(plan.version()).isEqualTo(1);
        assertThat(plan.body().tasks()).extracting(PlanTask::title).containsExactly("Task 0", "Task 1");
        assertThat(plan.rawReply()).startsWith("Sure!");
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.PLANNED);
        assertThat(h.events.types()).containsExactly("project.status", "plan.ready");
        assertThat(((PlanReady) h.events.events.get(1).event()).name()).isEqualTo("Site"); // the tray names the project
    }

    @Test
    void theRequestCarriesThePlanMarkerTheRequirementsAndTheRoutedModel() {
        Project p = project("Écrire un guide 日本語 🚀");
        h.provider.reply(PlanningHarness.planJson(deps()));

        generate(p);

        ChatRequest request = h.provider.requests().get(0);
        assertThat(request.system()).contains("[[PLAN_JSON]]").contains("At most 100 tasks");
        assertThat(request.model()).isEqualTo("planner-model");
        assertThat(((ContentBlock.Text) request.messages().get(0).content().get(0)).text()).contains("Écrire un guide 日本語 🚀");
    }

    @Test
    void theCallIsReservedFirstAndItsUsageRecordedAsPlanSpend() {
        Project p = project("Build it.");
        h.provider.reply(PlanningHarness.planJson(deps()));

        generate(p);

        assertThat(h.spend.reserved).hasSize(1);
        assertThat(h.spend.reserved.get(0).amountMicros()).isPositive();
        assertThat(h.spend.outstanding()).isZero();
        assertThat(h.db.queryOne("SELECT purpose || ' ' || idempotency_key FROM usage_log WHERE project_id = ?",
                rs -> rs.getString(1), p.id()).orElseThrow()).startsWith("plan plan:" + p.id() + ":");
        // 1,000 in at $3/M + 500 out at $15/M
        assertThat(h.db.queryLong("SELECT cost_micros FROM usage_log")).isEqualTo(10_500);
    }

    @Test
    void replanningSupersedesTheOlderDraft() {
        Project p = project("Build it.");
        h.provider.reply(PlanningHarness.planJson(deps())).reply(PlanningHarness.planJson(deps(), deps(0)));

        Plan first = generate(p);
        Plan second = generate(p);

        assertThat(second.version()).isEqualTo(2);
        assertThat(h.plans.get(h.owner, first.id()).status()).isEqualTo(PlanStatus.SUPERSEDED);
        assertThat(h.plans.current(h.owner, p.id()).orElseThrow().id()).isEqualTo(second.id());
    }

    @Test
    void anUnusableReplyIsStoredOnTheProjectWhichReturnsToDraft() {
        Project p = project("Build it.");
        h.provider.reply("I think you should hire a developer.");

        assertThatThrownBy(() -> generate(p)).isInstanceOf(PlanningException.class).hasMessageContaining("no JSON plan");

        Project after = h.projects.get(h.owner, p.id());
        assertThat(after.status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(after.planningError()).contains("no JSON plan");
        assertThat(after.planningRawReply()).isEqualTo("I think you should hire a developer.");
        assertThat(h.events.types()).containsExactly("project.status", "plan.failed");
        assertThat(h.count("plans")).isZero();
        assertThat(h.count("usage_log")).as("the call was made, so it is paid for").isEqualTo(1);
    }

    @Test
    void aTruncatedReplyMentionsTheOutputLimit() {
        Project p = project("Build it.");
        String json = PlanningHarness.planJson(deps(), deps(0));
        h.provider.reply(json.substring(0, json.length() - 20), StopReason.MAX_TOKENS);

        assertThatThrownBy(() -> generate(p)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("cut off").hasMessageContaining("output limit");
    }

    @Test
    void aSuccessfulAttemptClearsTheLastPlanningError() {
        Project p = project("Build it.");
        h.provider.reply("nothing useful").reply(PlanningHarness.planJson(deps()));
        assertThatThrownBy(() -> generate(p)).isInstanceOf(PlanningException.class);

        generate(p);

        assertThat(h.projects.get(h.owner, p.id()).planningError()).isNull();
    }

    @Test
    void fiveHundredTasksOverTheCapIsAClearErrorAndNoPlanIsWritten() {
        Project p = project("Build everything.");
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode tasks = root.putArray("tasks");
        for (int i = 0; i < 500; i++) {
            tasks.addObject().put("title", "T" + i).put("complexity", "simple");
        }
        h.provider.reply(root.toString());

        assertThatThrownBy(() -> generate(p)).isInstanceOf(PlanningException.class)
                .hasMessageContaining("500 tasks").hasMessageContaining("at most 100");
        assertThat(h.count("plans")).isZero();
        assertThat(h.count("tasks")).isZero();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void emptyRequirementsAreRefusedBeforeAnyCall() {
        Project p = project("   ");

        assertThatThrownBy(() -> generate(p)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).contains("requirements"));
        assertThat(h.provider.requests()).isEmpty();
        assertThat(h.spend.reserved).isEmpty();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void requirementsOverTheConfiguredBoundAreRefusedForPlanning() {
        h.close();
        h = new PlanningHarness(dir.resolve("small"), new AppConfig.Planning(100, 50_000), PlanningHarness.PLANNING_ROUTE);
        // Stored under an older, larger bound: planning checks the bound again.
        Project p = project("x");
        h.db.update("UPDATE projects SET requirements = ? WHERE id = ?", "x".repeat(50_001), p.id());

        assertThatThrownBy(() -> generate(p)).isInstanceOf(ValidationException.class).hasMessageContaining("50000");
        assertThat(h.provider.requests()).isEmpty();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void anUnpricedPlanningModelIsAClearErrorAndNothingIsReserved() {
        h.close();
        h = new PlanningHarness(dir.resolve("unpriced"), new AppConfig.Planning(100, 50_000), new ModelRoute("scripted", "mystery-model"));
        Project p = project("Build it.");

        assertThatThrownBy(() -> generate(p)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("mystery-model").hasMessageContaining("no price");
        assertThat(h.spend.reserved).isEmpty();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void aBudgetRefusalLeavesTheProjectAsItWas() {
        h.close();
        h = new PlanningHarness(dir.resolve("budget"));
        RecordingSpendGate tight = new RecordingSpendGate(h.db, 10);
        Planner planner = new Planner(h.db, h.projects, List.of(h.provider), h.routing, h.prices, tight, h.events, h.config, h.clock);
        Project p = project("Build it.");

        assertThatThrownBy(() -> planner.generatePlan(h.owner, p.id(), CancellationToken.none()))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(h.provider.requests()).isEmpty();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void aProviderFailureReleasesTheReservationAndIsStored() {
        Project p = project("Build it.");
        h.provider.fail(new ProviderException("scripted", ProviderException.Kind.PERMANENT, "The API key was rejected."));

        assertThatThrownBy(() -> generate(p)).isInstanceOf(PlanningException.class).hasMessageContaining("API key was rejected");

        assertThat(h.spend.outstanding()).isZero();
        assertThat(h.count("usage_log")).isZero();
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(h.projects.get(h.owner, p.id()).planningError()).contains("API key was rejected");
    }

    @Test
    void aSecondConcurrentRequestIsAConflictWhileTheFirstIsPlanning() throws Exception {
        Project p = project("Build it.");
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h.provider.answer(req -> {
            inCall.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ChatResponse(req.model(), List.of(new ContentBlock.Text(PlanningHarness.planJson(deps()))),
                    ScriptedChatProvider.USAGE, StopReason.END_TURN);
        });
        CompletableFuture<Plan> first = CompletableFuture.supplyAsync(() -> generate(p));
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> generate(p)).isInstanceOf(ConflictException.class).hasMessageContaining("PLANNING");
        assertThatThrownBy(() -> h.projects.update(h.owner, p.id(), ProjectPatch.requirements("changed")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PLANNING");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(h.provider.requests()).hasSize(1);
    }

    @Test
    void aRunningProjectCannotBeReplannedAndTheStateIsNamed() {
        Project p = project("Build it.");
        h.projects.table().setStatus(p.id(), ProjectStatus.RUNNING);

        assertThatThrownBy(() -> generate(p)).isInstanceOf(ConflictException.class).hasMessageContaining("RUNNING");
    }

    @Test
    void anotherUserCannotPlanSomeoneElsesProject() {
        Project p = project("Build it.");
        assertThatThrownBy(() -> h.planner.generatePlan(TestDb.insertUser(h.db, Role.USER), p.id(), CancellationToken.none()))
                .isInstanceOf(ForbiddenException.class);
        assertThat(h.projects.get(h.owner, p.id()).status()).isEqualTo(ProjectStatus.DRAFT);
    }

    @Test
    void projectsLeftPlanningByACrashAreRecoveredAtStart() {
        Project fresh = project("Build it.");
        Project replanned = project("Build it again.");
        h.provider.reply(PlanningHarness.planJson(deps()));
        generate(replanned);
        h.projects.table().setStatus(fresh.id(), ProjectStatus.PLANNING);
        h.projects.table().setStatus(replanned.id(), ProjectStatus.PLANNING);

        assertThat(h.planner.recoverInterrupted()).isEqualTo(2);

        assertThat(h.projects.get(h.owner, fresh.id()).status()).isEqualTo(ProjectStatus.DRAFT);
        assertThat(h.projects.get(h.owner, replanned.id()).status()).isEqualTo(ProjectStatus.PLANNED);
        assertThat(h.projects.get(h.owner, fresh.id()).planningError()).contains("interrupted");
    }
}
