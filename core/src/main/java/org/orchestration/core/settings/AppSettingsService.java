package org.orchestration.core.settings;

import java.nio.file.Path;
import java.util.List;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetLimits;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import org.orchestration.core.model.Money;
import org.orchestration.core.projects.ProjectService;

/**
 * The application's settings as one value ({@link AppSettings}): what Settings shows and saves.
 * Where they overlap with {@code GET/PATCH /api/settings} (concurrency, retries, routing, prices,
 * knowledge roots) they are read and written through {@link SettingsService}, so both edges share
 * one validation; budgets go through {@link BudgetManager}, the API switch through
 * {@link ApiControl} ({@code core.api.ApiSwitch}). Keys of its own: {@value #CLOSE_TO_TRAY} and the Ollama address for the next
 * start ({@link OllamaHostSetting}).
 */
public final class AppSettingsService {

    public static final String CLOSE_TO_TRAY = "ui.close_to_tray";

    private final AppConfig config;
    private final SettingsStore settings;
    private final SettingsService runtime;
    private final BudgetManager budget;
    private final ModelRouter router;
    private final PriceTable prices;
    private final ApiControl api;

    public AppSettingsService(AppConfig config, SettingsStore settings, SettingsService runtime, BudgetManager budget,
                              ModelRouter router, PriceTable prices, ApiControl api) {
        this.config = config;
        this.settings = settings;
        this.runtime = runtime;
        this.budget = budget;
        this.router = router;
        this.prices = prices;
        this.api = api;
    }

    /**
     * The settings in force; any signed-in user may read them (the Anthropic key only masked).
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public AppSettings load(User actor) {
        RuntimeSettings r = runtime.get(actor);
        BudgetLimits limits = budget.limits();
        String key = settings.get(StoredKeyAnthropicProvider.KEY_SETTING, String.class)
                .or(() -> config.anthropic().apiKey()).orElse("");
        return new AppSettings(mask(key), OllamaHostSetting.current(config, settings),
                router.mode().kind() == ModelRouter.ModeKind.SIMULATED,
                RoutingRules.fromTable(r.modelRouting()), RoutingRules.builtIn(router), prices.rows(),
                limits.dailyMicros(), limits.monthlyMicros(), settings.get(ProjectService.DEFAULT_BUDGET_KEY, Long.class, 0L),
                r.concurrency(), r.maxAutoRetries() + 1,
                api.runningPort().isPresent(), api.shownPort(config.api().port()),
                settings.get(CLOSE_TO_TRAY, Boolean.class, config.ui().closeToTray()),
                config.dataDir(), config.logDir());
    }

    /**
     * Saves everything but the Anthropic key (which {@link #setAnthropicKey} changes). Admin only.
     * The routing rules and prices given replace the stored ones (one left out is removed); a rule
     * equal to a built-in route and a price equal to the shipped one are not stored. Every value is
     * checked before anything is written; the API switch is applied last and is stored only when
     * the API could start (a port in use is refused naming {@code apiPort}, with the rest saved).
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws ValidationException naming the field: "apiPort" (1024..65535), "maxAttempts" (at least 1),
     *         "projectBudgetMicros" (not negative), "dailyBudgetMicros" / "monthlyBudgetMicros" (above 0:
     *         the engine never spends past a limit, so 0 would stop every paid call), and the fields
     *         {@link SettingsService#update} names (e.g. "concurrency", "prices.my-model.input",
     *         "model_routing.task_types.research.model")
     */
    public void save(User actor, AppSettings a) {
        AccessPolicy.requireAdmin(actor);
        api.checkPort(a.apiPort()); // before anything is written
        if (a.maxAttempts() < 1) {
            throw new ValidationException("maxAttempts", "A task needs at least 1 attempt.");
        }
        if (a.projectBudgetMicros() < 0) {
            throw new ValidationException("projectBudgetMicros", "The project budget must not be negative.");
        }
        double daily = usd(a.dailyBudgetMicros(), "dailyBudgetMicros");
        double monthly = usd(a.monthlyBudgetMicros(), "monthlyBudgetMicros");
        // The settings service checks every value before it writes any, so a bad one fails the save here.
        runtime.update(actor, new SettingsPatch(a.concurrency(), null, a.maxAttempts() - 1,
                RoutingRules.toTable(a.routing()), prices.toOverrides(a.prices())));
        budget.setLimits(actor, daily, monthly);
        settings.put(ProjectService.DEFAULT_BUDGET_KEY, a.projectBudgetMicros());
        settings.put(CLOSE_TO_TRAY, a.closeToTray());
        OllamaHostSetting.storeForNextStart(config, settings, a.ollamaUrl());
        boolean simulatedNow = router.mode().kind() == ModelRouter.ModeKind.SIMULATED;
        if (a.simulated() != simulatedNow) {
            if (a.simulated()) {
                settings.put(ModelRouter.MODE_KEY, "simulated");
            } else {
                settings.remove(ModelRouter.MODE_KEY); // automatic: the key, else Ollama, else Simulated
            }
        }
        api.apply(a.apiEnabled(), a.apiPort());
    }

    /**
     * Replaces the stored Anthropic key (blank removes it). Admin only. Takes effect at the next call.
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     */
    public void setAnthropicKey(User actor, String apiKey) {
        AccessPolicy.requireAdmin(actor);
        String key = apiKey == null ? "" : apiKey.strip();
        if (key.isEmpty()) {
            settings.remove(StoredKeyAnthropicProvider.KEY_SETTING);
        } else {
            settings.put(StoredKeyAnthropicProvider.KEY_SETTING, key);
        }
    }

    /** The folders (besides each user's own) inside which every user may create knowledge bases; any signed-in user. */
    public List<Path> knowledgeRoots(User actor) {
        return runtime.get(actor).knowledgeAllowedRoots().stream().map(Path::of).toList();
    }

    /**
     * Replaces the allowed knowledge roots (admin only) and returns them as stored.
     *
     * @throws ValidationException ({@code knowledge_allowed_roots}) as {@link SettingsService#update} checks them
     */
    public List<Path> saveKnowledgeRoots(User actor, List<Path> roots) {
        List<String> folders = roots.stream().map(Path::toString).toList();
        return runtime.update(actor, new SettingsPatch(null, null, null, null, null, folders))
                .knowledgeAllowedRoots().stream().map(Path::of).toList();
    }

    /** "sk-ant-…3f2a" for a key, "••••" for a short one, "" for none: enough to recognise, never enough to use. */
    static String mask(String key) {
        String k = key == null ? "" : key.strip();
        if (k.isEmpty()) {
            return "";
        }
        return k.length() < 12 ? "••••" : k.substring(0, 7) + "…" + k.substring(k.length() - 4);
    }

    /** A global budget in dollars; 0 and below are refused (in the engine 0 means "spend nothing", not "no limit"). */
    static double usd(long micros, String field) {
        if (micros <= 0) {
            throw new ValidationException(field, "Enter a budget above $0: the engine never spends past a limit, so $0 would stop every paid call.");
        }
        return micros / (double) Money.MICROS_PER_USD;
    }
}
