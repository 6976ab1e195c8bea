package org.orchestration.core.api;

import static org.orchestration.core.api.ApiMethod.DELETE;
import static org.orchestration.core.api.ApiMethod.GET;
import static org.orchestration.core.api.ApiMethod.PATCH;
import static org.orchestration.core.api.ApiMethod.POST;
import static org.orchestration.core.api.AuthRequirement.BEARER;
import static org.orchestration.core.api.AuthRequirement.NONE;
import static org.orchestration.core.api.AuthRequirement.SSE_TOKEN;
import static org.orchestration.core.api.ResponseBody.listOf;
import static org.orchestration.core.api.ResponseBody.one;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Executor;
import org.orchestration.core.auth.TokenResponse;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetStatus;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.model.Bounds;
import org.orchestration.core.monitor.ServiceStatus;
import org.orchestration.core.planning.PlanWithForecast;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectSummary;
import org.orchestration.core.rag.KnowledgeBase;
import org.orchestration.core.rag.SearchResult;
import org.orchestration.core.settings.RuntimeSettings;
import org.orchestration.core.tasks.TaskDetail;
import org.orchestration.core.tasks.TaskView;
import org.orchestration.core.usage.UsageSummary;
import org.orchestration.core.usage.UsageTotals;

/**
 * THE route table: every endpoint of the API is declared here and nowhere else. The server
 * registers exactly these rows, the auth filter reads their {@link AuthRequirement}, and the
 * OpenAPI document is generated from them. Handlers parse the body into the service's own record
 * and call the core service with the acting user; rules live in the services. A command answers
 * with the resource as it is afterwards (the command, then the service's read).
 */
final class ApiRoutes {

    private ApiRoutes() {
    }

    /**
     * @param background runs plan generation after the claim ({@code POST /plan} answers 202 at once)
     */
    static List<Route> table(EngineServices s, Executor background, EventStreamHandler eventStream, Supplier<JsonNode> openApi) {
        List<Route> r = new ArrayList<>();

        // Accounts
        r.add(new Route(POST, "/api/auth/register", NONE, RateLimitPolicy.ACCOUNT_SERVICE, 201, Requests.REGISTER, one(User.class),
                "Create an account (the first one becomes admin)",
                req -> {
                    BodySchema.Parsed p = Requests.register(req.body());
                    return s.auth().registerNameOptional(p.string("email"), p.string("password"), p.string("display_name"));
                }));
        r.add(new Route(POST, "/api/auth/login", NONE, RateLimitPolicy.ACCOUNT_SERVICE, 200, Requests.LOGIN, one(TokenResponse.class),
                "Sign in; returns an access and a refresh token",
                req -> {
                    BodySchema.Parsed p = Requests.login(req.body());
                    return s.auth().loginResponse(p.string("email"), p.string("password"));
                }));
        r.add(new Route(POST, "/api/auth/refresh", NONE, RateLimitPolicy.NONE, 200, Requests.REFRESH, one(TokenResponse.class),
                "Exchange a refresh token for a new token pair",
                req -> s.auth().refreshResponse(Requests.refreshToken(req.body()))));
        r.add(bearer(GET, "/api/auth/me", 200, null, one(User.class), "The signed-in user",
                req -> s.auth().me(req.user())));

        // Projects
        r.add(bearer(GET, "/api/projects", 200, null, listOf(ProjectSummary.class),
                "Your projects (admins: all); ?tag= keeps those with that tag (ignoring case)",
                req -> s.projects().list(req.user(), req.queryParam("tag"))));
        r.add(bearer(POST, "/api/projects", 201, Requests.PROJECT_CREATE, one(Project.class), "Create a project",
                req -> s.projects().create(req.user(), Requests.newProject(req.body()))));
        r.add(bearer(GET, "/api/projects/{id}", 200, null, one(Project.class), "One project",
                req -> s.projects().get(req.user(), req.pathParam("id"))));
        r.add(bearer(PATCH, "/api/projects/{id}", 200, Requests.PROJECT_UPDATE, one(Project.class), "Change name, requirements or budget",
                req -> s.projects().update(req.user(), req.pathParam("id"), Requests.projectPatch(req.body()))));
        r.add(bearer(DELETE, "/api/projects/{id}", 204, null, null, "Delete a project with its plans, tasks and events",
                req -> {
                    s.projects().delete(req.user(), req.pathParam("id"));
                    return null;
                }));

        // Plans
        r.add(new Route(POST, "/api/projects/{id}/plan", BEARER, RateLimitPolicy.PLAN_PER_USER, 202, null, one(Project.class),
                "Generate a plan from the requirements (5 per minute per user)",
                req -> s.planner().startPlan(req.user(), req.pathParam("id"), new CancellationToken(), background).project()));
        r.add(bearer(GET, "/api/projects/{id}/plan", 200, null, one(PlanWithForecast.class), "The latest plan",
                req -> s.plans().currentWithForecast(req.user(), req.pathParam("id"))));
        r.add(bearer(POST, "/api/projects/{id}/plan/approve", 200, null, one(PlanWithForecast.class), "Approve the draft plan and create its tasks",
                req -> s.plans().approveCurrent(req.user(), req.pathParam("id"))));

        // Execution
        r.add(bearer(POST, "/api/projects/{id}/execute", 202, null, one(Project.class), "Start or resume running the tasks",
                req -> {
                    s.executor().start(req.user(), req.pathParam("id"));
                    return s.projects().get(req.user(), req.pathParam("id"));
                }));
        r.add(bearer(POST, "/api/projects/{id}/pause", 200, null, one(Project.class), "Pause: running tasks finish, no new ones start",
                req -> {
                    s.executor().pause(req.user(), req.pathParam("id"));
                    return s.projects().get(req.user(), req.pathParam("id"));
                }));
        r.add(bearer(POST, "/api/projects/{id}/cancel", 200, null, one(Project.class), "Cancel the project and its in-flight calls",
                req -> {
                    s.executor().cancel(req.user(), req.pathParam("id"));
                    return s.projects().get(req.user(), req.pathParam("id"));
                }));

        // Tasks
        r.add(bearer(GET, "/api/projects/{id}/tasks", 200, null, listOf(TaskView.class), "The project's tasks",
                req -> s.tasks().list(req.user(), req.pathParam("id"))));
        r.add(bearer(GET, "/api/tasks/{id}", 200, null, one(TaskDetail.class), "One task",
                req -> s.tasks().get(req.user(), req.pathParam("id"))));
        r.add(bearer(PATCH, "/api/tasks/{id}", 200, Requests.TASK_UPDATE, one(TaskView.class),
                "Edit a task that is not running or done: title, description, priority, max_tokens, model",
                req -> s.tasks().update(req.user(), req.pathParam("id"), Requests.taskPatch(req.body()))));
        r.add(bearer(POST, "/api/tasks/{id}/retry", 200, null, one(TaskDetail.class), "Retry a failed task (up to the retry limit)",
                req -> {
                    s.executor().retryTask(req.user(), req.pathParam("id"));
                    return s.tasks().get(req.user(), req.pathParam("id"));
                }));

        // Usage and budget
        r.add(bearer(GET, "/api/usage/summary", 200, null, one(UsageSummary.class), "Spend totals, optionally for ?project_id=",
                req -> s.usage().summary(req.user(), req.queryParam("project_id"))));
        r.add(bearer(GET, "/api/usage/by-project", 200, null, listOf(UsageTotals.class), "Spend per project",
                req -> s.usage().byProjectThisYear(req.user())));
        r.add(bearer(GET, "/api/usage/budget", 200, null, one(BudgetStatus.class), "Limits and current spend",
                req -> s.budget().status(req.user())));
        r.add(bearer(PATCH, "/api/usage/budget", 200, Requests.BUDGET_UPDATE, one(BudgetStatus.class), "Change daily/monthly limits (admin)",
                req -> s.budget().update(req.user(), Requests.budgetPatch(req.body()))));

        // Knowledge
        r.add(bearer(GET, "/api/knowledge", 200, null, listOf(KnowledgeBase.class), "Knowledge bases",
                req -> s.knowledgeBases().list(req.user())));
        r.add(bearer(POST, "/api/knowledge", 201, Requests.KNOWLEDGE_CREATE, one(KnowledgeBase.class), "Create a knowledge base from a local folder",
                req -> {
                    BodySchema.Parsed p = Requests.knowledgeBase(req.body());
                    return s.knowledgeBases().createAndIndex(req.user(), p.string("name"), p.string("folder"));
                }));
        r.add(bearer(POST, "/api/knowledge/{id}/reindex", 202, null, one(KnowledgeBase.class), "Re-index the folder",
                req -> s.knowledgeBases().startIndexing(req.user(), req.pathParam("id"))));
        r.add(bearer(GET, "/api/knowledge/{id}/search", 200, null, one(SearchResult.class), "Hybrid search: ?q=...&k=1..50 (default 5)",
                req -> s.knowledgeSearch().search(req.user(), req.pathParam("id"),
                        req.requiredQuery("q", 1, Bounds.QUERY_MAX), req.intQuery("k", 5, 1, Bounds.SEARCH_K_MAX))));

        // Settings and services
        r.add(bearer(GET, "/api/settings", 200, null, one(RuntimeSettings.class), "Runtime settings",
                req -> s.settingsService().get(req.user())));
        r.add(bearer(PATCH, "/api/settings", 200, Requests.SETTINGS_UPDATE, one(RuntimeSettings.class), "Change concurrency, retries, routing, prices (admin)",
                req -> s.settingsService().update(req.user(), Requests.settingsPatch(req.body()))));
        r.add(bearer(GET, "/api/services", 200, null, one(ServiceStatus.class), "Health of Ollama, ComfyUI and Anthropic",
                req -> ServiceStatus.of(req.user(), s.monitor(), s.tools())));

        // Events
        r.add(bearer(POST, "/api/events/{project_id}/token", 200, null, one(EventStreamHandler.SseToken.class), "A 60-second token for this project's event stream",
                req -> eventStream.issueToken(req.user(), req.pathParam("project_id"))));
        r.add(new Route(GET, "/api/events/{project_id}", SSE_TOKEN, RateLimitPolicy.NONE, 200, null, null,
                "Server-sent events of one project (?token= SSE token; Last-Event-ID resumes)", eventStream::handle));

        r.add(new Route(GET, "/api/openapi.json", NONE, RateLimitPolicy.NONE, 200, null, one(ObjectNode.class),
                "This API described as OpenAPI 3", req -> openApi.get()));
        return List.copyOf(r);
    }

    private static Route bearer(ApiMethod method, String path, int status, BodySchema requestSchema, ResponseBody response,
                                String summary, RouteHandler handler) {
        return new Route(method, path, BEARER, RateLimitPolicy.NONE, status, requestSchema, response, summary, handler);
    }
}
