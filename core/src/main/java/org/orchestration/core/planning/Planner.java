package org.orchestration.core.planning;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.Reservation;
import org.orchestration.core.budget.SpendGate;
import org.orchestration.core.budget.SpendRequest;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.PlanFailed;
import org.orchestration.core.events.PlanReady;
import org.orchestration.core.events.ProjectStatusChanged;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouting;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.llm.TokenEstimates;
import org.orchestration.core.model.ProjectStatus;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.projects.ProjectTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a project's requirements into a DRAFT plan with the routed planning model.
 *
 * <p>Order of work: claim the project (-> PLANNING, atomically, so a second request is a 409);
 * reserve the most the call can cost; call the model; record the actual usage (purpose {@code plan});
 * extract and validate the plan; store it as a new DRAFT (an older draft becomes SUPERSEDED) and
 * move the project to PLANNED. Any failure gives the reservation back (if no call was made) and
 * returns the project to the state it had; a reply that cannot be used is stored on the project
 * ({@code planning_error}, {@code planning_raw_reply}).
 */
public final class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    /** The planning call's output limit; the reservation assumes the model may use all of it. */
    static final int PLANNING_MAX_OUTPUT_TOKENS = 16_000;

    /** States from which planning may start; READY only while none of its tasks has started. */
    private static final Set<ProjectStatus> PLANNABLE = EnumSet.of(ProjectStatus.DRAFT, ProjectStatus.PLANNED, ProjectStatus.READY);

    private final Database db;
    private final ProjectService projects;
    private final ProjectTable projectTable;
    private final PlanStore plans;
    private final Map<String, ChatProvider> providers;
    private final ModelRouting routing;
    private final PriceBook prices;
    private final SpendGate spend;
    private final EventPublisher events;
    private final AppConfig.Planning config;
    private final Clock clock;
    private final String systemPromptTemplate;

    public Planner(Database db, ProjectService projects, Collection<ChatProvider> providers, ModelRouting routing,
                   PriceBook prices, SpendGate spend, EventPublisher events, AppConfig.Planning config, Clock clock) {
        this.db = db;
        this.projects = projects;
        this.projectTable = projects.table();
        this.plans = new PlanStore(db);
        this.providers = providers.stream().collect(Collectors.toMap(ChatProvider::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        this.routing = routing;
        this.prices = prices;
        this.spend = spend;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.systemPromptTemplate = PromptTemplates.load(PromptTemplates.PLANNING);
    }

    /**
     * Generates a new DRAFT plan for the project and publishes "plan.ready".
     *
     * @throws org.orchestration.core.errors.NotFoundException  no such project
     * @throws org.orchestration.core.errors.ForbiddenException  not the owner nor an admin
     * @throws ConflictException          the project is PLANNING already, or in a state that cannot be planned (named)
     * @throws ValidationException        "requirements" empty or longer than planning.max_requirements_chars;
     *                                    "model" when the planning model has no price
     * @throws org.orchestration.core.errors.BudgetExceededException the estimate does not fit the budget
     * @throws PlanningException          the call failed or the reply could not be used (stored on the project)
     */
    public Plan generatePlan(User actor, String projectId, CancellationToken cancel) {
        projects.get(actor, projectId);
        return planClaimed(actor, claim(projectId), cancel);
    }

    /**
     * Claims the project (-> PLANNING) on the caller's thread, so every refusal of
     * {@link #generatePlan} that needs no model call (404, 403, 409, "requirements", ...) is thrown
     * here, then runs the model call and the rest on {@code background}. The result or failure of
     * the background part is also on the project (status, {@code planning_error}) and in the
     * events "plan.ready" / "plan.failed", so callers such as the API need not wait.
     *
     * @return the project as claimed (status PLANNING) and the future plan
     * @throws ConflictException also when {@code background} refuses the work (shutting down); the
     *         project is given back first
     */
    public Started startPlan(User actor, String projectId, CancellationToken cancel, Executor background) {
        projects.get(actor, projectId);
        Claim claim = claim(projectId);
        try {
            CompletableFuture<Plan> plan = CompletableFuture.supplyAsync(() -> planClaimed(actor, claim, cancel), background);
            return new Started(projectTable.require(projectId), plan);
        } catch (RejectedExecutionException e) {
            giveBack(projectId, claim);
            throw new ConflictException("Planning cannot start while the application is shutting down.");
        }
    }

    /** What {@link #startPlan} returns: the claimed project and the plan to come. */
    public record Started(Project project, CompletableFuture<Plan> plan) {
    }

    private Plan planClaimed(User actor, Claim claim, CancellationToken cancel) {
        try {
            return plan(actor, claim, cancel);
        } catch (PlanningException e) {
            throw e; // already stored on the project
        } catch (RuntimeException e) {
            giveBack(claim.project().id(), claim);
            throw e;
        }
    }

    private void giveBack(String projectId, Claim claim) {
        projectTable.setStatus(projectId, claim.previous());
        events.publish(ProjectStatusChanged.to(projectId, claim.previous()));
    }

    private record Claim(Project project, ProjectStatus previous) {
    }

    /** Moves the project to PLANNING in one transaction; everything checked here writes nothing on failure. */
    private Claim claim(String projectId) {
        return db.inTransaction(() -> {
            Project p = projectTable.require(projectId);
            if (p.status() == ProjectStatus.PLANNING) {
                throw new ConflictException("A plan is already being generated for this project (it is PLANNING).");
            }
            if (!PLANNABLE.contains(p.status())) {
                throw ProjectTable.conflict(p.status(), "generate a plan", PLANNABLE);
            }
            if (p.status() == ProjectStatus.READY && startedTasks(projectId) > 0) {
                throw new ConflictException("Cannot generate a new plan: the project is READY but some of its tasks have already run.");
            }
            if (p.requirements().isBlank()) {
                throw new ValidationException("requirements", "Write the requirements before generating a plan.");
            }
            int length = p.requirements().codePointCount(0, p.requirements().length());
            if (length > config.maxRequirementsChars()) {
                throw new ValidationException("requirements", "requirements must be at most " + config.maxRequirementsChars()
                        + " characters (was " + length + ").");
            }
            projectTable.transition(projectId, PLANNABLE, ProjectStatus.PLANNING, "generate a plan");
            projectTable.clearPlanningFailure(projectId);
            events.publish(ProjectStatusChanged.to(projectId, ProjectStatus.PLANNING));
            return new Claim(p, p.status());
        });
    }

    private long startedTasks(String projectId) {
        return db.queryLong("SELECT COUNT(*) FROM tasks WHERE project_id = ? AND (attempts > 0 OR status NOT IN ('BLOCKED', 'PENDING'))",
                projectId);
    }

    /**
     * The planning call's reservation: the most {@code request} can cost, from the upper bound of
     * its real input (system prompt and requirements) and its whole {@code max_tokens}.
     */
    static OptionalLong reservationMicros(PriceBook prices, ChatRequest request) {
        return prices.reservationMicros(request.model(), TokenEstimates.inputUpperBound(request), request.maxTokens());
    }

    private Plan plan(User actor, Claim claim, CancellationToken cancel) {
        Project project = claim.project();
        ModelRoute route = routing.forPlanning();
        ChatProvider provider = providers.get(route.provider());
        if (provider == null) {
            throw new ValidationException("provider", "The planning route names provider \"" + route.provider()
                    + "\", which is not available.");
        }
        ChatRequest request = new ChatRequest(route.model(), systemPrompt(), List.of(ChatMessage.user(userMessage(project))),
                List.of(), PLANNING_MAX_OUTPUT_TOKENS);
        long estimate = reservationMicros(prices, request)
                .orElseThrow(() -> new ValidationException("model", "The planning model \"" + route.model()
                        + "\" has no price in the price table, so its cost cannot be reserved; add a price or choose another model."));
        Reservation reservation = spend.reserve(new SpendRequest(actor.id(), project.id(), estimate));

        ChatResponse response;
        try {
            response = provider.chat(request, cancel);
        } catch (RuntimeException e) {
            spend.release(reservation);
            String message = e instanceof ProviderException pe && pe.kind() == ProviderException.Kind.CANCELLED
                    ? "Planning was cancelled."
                    : "The planning call to " + provider.displayName() + " failed: " + e.getMessage();
            fail(project.id(), claim.previous(), message, null);
            throw new PlanningException(message, e);
        }

        long cost = prices.costMicros(response.model() != null ? response.model() : route.model(), response.usage())
                .orElse(estimate);
        spend.record(reservation, new UsageRecord("plan:" + project.id() + ":" + UUID.randomUUID(), actor.id(), project.id(),
                null, Purpose.PLAN, provider.id(), route.model(), response.usage(), cost));

        String raw = response.text();
        PlanDocument document;
        try {
            document = PlanReader.read(PlanExtractor.extract(raw), config.maxTasks());
        } catch (PlanningException e) {
            String message = response.stopReason() == StopReason.MAX_TOKENS
                    ? e.getMessage() + " The model stopped at its output limit of " + PLANNING_MAX_OUTPUT_TOKENS + " tokens."
                    : e.getMessage();
            fail(project.id(), claim.previous(), message, raw);
            throw new PlanningException(message, e);
        }

        DependencyGraph.Resolved resolved = DependencyGraph.resolve(document.tasks());
        String planId = UUID.randomUUID().toString();
        return db.inTransaction(() -> {
            Plan plan = plans.insertDraft(planId, project.id(), document, raw, resolved.warnings(), provider.id(),
                    route.model(), clock.instant());
            projectTable.transition(project.id(), EnumSet.of(ProjectStatus.PLANNING), ProjectStatus.PLANNED, "store the plan");
            events.publish(new PlanReady(project.id(), plan.id(), plan.version(), document.tasks().size(),
                    resolved.warnings().size(), project.name()));
            return plan;
        });
    }

    /**
     * Start-up recovery: a project left PLANNING by a crash or a kill mid-call would refuse every
     * new attempt. Each goes back to PLANNED when it has a DRAFT plan, else to DRAFT, with a
     * planning error saying why. Call once at start, before the UI or the API accepts requests.
     *
     * @return how many projects were recovered
     */
    public int recoverInterrupted() {
        return db.inTransaction(() -> db.update(
                "UPDATE projects SET status = CASE WHEN EXISTS (SELECT 1 FROM plans WHERE plans.project_id = projects.id "
                        + "AND plans.status = 'DRAFT') THEN 'PLANNED' ELSE 'DRAFT' END, planning_error = ?, updated_at = ? "
                        + "WHERE status = 'PLANNING'",
                "Planning was interrupted when the application stopped; generate the plan again.", clock.instant()));
    }

    private void fail(String projectId, ProjectStatus previous, String message, String raw) {
        log.info("Planning failed for project {}: {}", projectId, message);
        projectTable.recordPlanningFailure(projectId, previous, message, raw);
        events.publish(new PlanFailed(projectId, message, previous));
    }

    private String systemPrompt() {
        return systemPromptTemplate.replace("{{max_tasks}}", Integer.toString(config.maxTasks()));
    }

    private static String userMessage(Project project) {
        return "Project: " + project.name() + "\n\nRequirements:\n" + project.requirements();
    }
}
