package org.orchestration.core.api.wiring;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.orchestration.core.api.backend.ApiBackend;
import org.orchestration.core.api.backend.ServiceStatus;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageService;

/**
 * Builds the {@link ApiBackend} the loopback API calls from the real services. The composition
 * root builds every service once (as for the desktop UI) and hands them here; every seam is a
 * thin adapter that forwards the acting user to the service, which does the authorization.
 *
 * <pre>{@code
 * ApiBackend backend = ApiBackends.create(new ApiBackends.Services(authenticator, tokenService, authService,
 *         projectService, taskService, planService, planner, costForecast, decomposer, executor, budgetManager,
 *         usageService, progressBus, knowledgeBaseService, knowledgeSearch, settingsService, resourceMonitor,
 *         toolRegistry, backgroundExecutor, clock));
 * ApiServer server = ApiServer.start(ApiOptions.from(config), backend);
 * }</pre>
 */
public final class ApiBackends {

    private ApiBackends() {
    }

    /**
     * Every service the API reaches.
     *
     * @param background runs plan generation after the claim ({@code POST /plan} answers 202 at once);
     *                   owned by the caller (shut it down after the API server)
     * @param clock      the engine's clock (token lifetimes, usage periods)
     */
    public record Services(Authenticator authenticator, TokenService tokens, AuthService auth,
                           ProjectService projects, TaskService tasks, PlanService plans, Planner planner,
                           CostForecast costForecast, Decomposer decomposer,
                           org.orchestration.core.execution.Executor executor, BudgetManager budget, UsageService usage,
                           ProgressBus progressBus, KnowledgeBaseService knowledgeBases, KnowledgeSearch knowledgeSearch,
                           SettingsService settings, ResourceMonitor monitor, ToolRegistry tools,
                           Executor background, Clock clock) {

        public Services {
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(projects, "projects");
            Objects.requireNonNull(tasks, "tasks");
            Objects.requireNonNull(plans, "plans");
            Objects.requireNonNull(planner, "planner");
            Objects.requireNonNull(costForecast, "costForecast");
            Objects.requireNonNull(decomposer, "decomposer");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(progressBus, "progressBus");
            Objects.requireNonNull(knowledgeBases, "knowledgeBases");
            Objects.requireNonNull(knowledgeSearch, "knowledgeSearch");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(monitor, "monitor");
            Objects.requireNonNull(tools, "tools");
            Objects.requireNonNull(background, "background");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** The backend whose seams delegate to {@code s}. */
    public static ApiBackend create(Services s) {
        Objects.requireNonNull(s, "services");
        AccountsAdapter accounts = new AccountsAdapter(s.auth(), s.clock());
        ProjectsAdapter projects = new ProjectsAdapter(s.projects(), s.tasks(), s.executor());
        PlansAdapter plans = new PlansAdapter(s.plans(), s.planner(), s.costForecast(), s.decomposer(), s.background());
        UsageAdapter usage = new UsageAdapter(s.usage(), s.budget(), s.clock());
        KnowledgeAdapter knowledge = new KnowledgeAdapter(s.knowledgeBases(), s.knowledgeSearch());
        EventsAdapter events = new EventsAdapter(s.projects(), s.tokens(), s.progressBus(), s.clock());
        return new ApiBackend(
                s.authenticator()::authenticateBearer,
                s.tokens()::validateSseToken,
                accounts,
                projects,
                plans,
                projects,
                projects,
                usage,
                knowledge,
                new SettingsAdapter(s.settings()),
                actor -> ServiceStatus.of(actor, s.monitor(), s.tools()),
                events,
                events);
    }
}
