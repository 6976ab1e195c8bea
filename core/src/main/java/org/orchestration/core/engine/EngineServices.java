package org.orchestration.core.engine;

import java.time.Clock;
import java.util.List;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.execution.RunFeed;
import org.orchestration.core.execution.RunSnapshots;
import org.orchestration.core.execution.TaskReports;
import org.orchestration.core.http.HttpClients;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.ProviderRegistry;
import org.orchestration.core.monitor.ConnectionTester;
import org.orchestration.core.monitor.ResourceMonitor;
import org.orchestration.core.monitor.ServiceChecks;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.Decomposer;
import org.orchestration.core.planning.PlanEditor;
import org.orchestration.core.planning.PlanReview;
import org.orchestration.core.planning.PlanService;
import org.orchestration.core.planning.Planner;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.rag.KnowledgeBaseService;
import org.orchestration.core.rag.KnowledgeRoots;
import org.orchestration.core.rag.KnowledgeSearch;
import org.orchestration.core.settings.ApiControl;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.FirstRunSetup;
import org.orchestration.core.settings.PriceTable;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.core.settings.UiPrefsStore;
import org.orchestration.core.tasks.TaskHistory;
import org.orchestration.core.tasks.TaskService;
import org.orchestration.core.tools.ToolRegistry;
import org.orchestration.core.usage.UsageReports;
import org.orchestration.core.usage.UsageService;

/**
 * The services the composition root built, handed as one value to the parts that only use
 * them: the window and the API's route table. It builds nothing itself.
 *
 * @param owner the local owner in single-user mode (signed in automatically); null in multi-user mode
 */
public record EngineServices(
        AppConfig config,
        AppConfig.AuthMode authMode,
        User owner,
        SettingsStore settings,
        HttpClients http,
        ProgressBus events,
        ProviderRegistry providers,
        ModelRouter router,
        Pricing pricing,
        ResourceMonitor monitor,
        BudgetManager budget,
        UsageService usage,
        KnowledgeBaseService knowledgeBases,
        KnowledgeSearch knowledgeSearch,
        KnowledgeRoots knowledgeRoots,
        ToolRegistry tools,
        TokenService tokens,
        AuthService auth,
        ApiKeyService apiKeys,
        Authenticator authenticator,
        UserAdminService userAdmin,
        AuthModeSwitch authModeSwitch,
        ProjectService projects,
        TaskService tasks,
        PlanService plans,
        Planner planner,
        PlanEditor planEditor,
        Decomposer decomposer,
        CostForecast costForecast,
        Executor executor,
        SettingsService settingsService,
        PlanReview planReview,
        RunSnapshots runSnapshots,
        RunFeed runFeed,
        TaskReports taskReports,
        UsageReports usageReports,
        ServiceChecks serviceChecks,
        ConnectionTester connectionTester,
        AppSettingsService appSettings,
        FirstRunSetup firstRun,
        UiPrefsStore uiPrefs) {

    /**
     * The engine's services plus the read models and use cases built on them (plan review, run
     * snapshots, the live run feed, task reports, usage reports, service checks, settings, first
     * run, window prefs): the one place they are wired, for the composition root and the test engine alike.
     *
     * @param api  the loopback API's switch, which Settings turns on and off
     * @param db   the engine's database (task history reads the event log)
     * @param clock the engine's clock
     */
    public EngineServices(AppConfig config, AppConfig.AuthMode authMode, User owner, SettingsStore settings, HttpClients http,
                          ProgressBus events, ProviderRegistry providers, ModelRouter router, Pricing pricing,
                          ResourceMonitor monitor, BudgetManager budget, UsageService usage, KnowledgeBaseService knowledgeBases,
                          KnowledgeSearch knowledgeSearch, KnowledgeRoots knowledgeRoots, ToolRegistry tools, TokenService tokens,
                          AuthService auth, ApiKeyService apiKeys, Authenticator authenticator, UserAdminService userAdmin,
                          AuthModeSwitch authModeSwitch, ProjectService projects, TaskService tasks, PlanService plans,
                          Planner planner, PlanEditor planEditor, Decomposer decomposer, CostForecast costForecast,
                          Executor executor, SettingsService settingsService, ApiControl api, Database db, Clock clock) {
        this(config, authMode, owner, settings, http, events, providers, router, pricing, monitor, budget, usage, knowledgeBases,
                knowledgeSearch, knowledgeRoots, tools, tokens, auth, apiKeys, authenticator, userAdmin, authModeSwitch, projects,
                tasks, plans, planner, planEditor, decomposer, costForecast, executor, settingsService,
                new PlanReview(plans, planner, planEditor, decomposer, costForecast),
                new RunSnapshots(projects, tasks, events),
                new RunFeed(events, tasks, projects),
                new TaskReports(tasks, projects, executor, new TaskHistory(db)),
                new UsageReports(usage, clock),
                new ServiceChecks(monitor, tools),
                new ConnectionTester(http, config.anthropic().baseUrl()),
                new AppSettingsService(config, settings, settingsService, budget, router, new PriceTable(settings, router), api),
                new FirstRunSetup(authMode, owner, settings, auth, userAdmin, authModeSwitch, budget),
                new UiPrefsStore(settings));
    }

    /** Names of the tools that registered, for the Services screen and logs. */
    public List<String> availableTools() {
        return tools.available();
    }
}
