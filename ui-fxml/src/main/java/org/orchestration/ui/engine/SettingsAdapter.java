package org.orchestration.ui.engine;

import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.AuthModeSwitch;
import org.orchestration.core.auth.AuthService;
import org.orchestration.core.auth.User;
import org.orchestration.core.auth.UserAdminService;
import org.orchestration.core.budget.BudgetLimits;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.execution.Executor;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.OllamaProvider;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.SimulatedProvider;
import org.orchestration.core.model.Money;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.settings.SettingsPatch;
import org.orchestration.core.settings.SettingsService;
import org.orchestration.ui.port.ApiKeyView;
import org.orchestration.ui.port.AppSettings;
import org.orchestration.ui.port.FirstRunRequest;
import org.orchestration.ui.port.ModelPrice;
import org.orchestration.ui.port.RoutingRule;
import org.orchestration.ui.port.SettingsPort;
import org.orchestration.ui.port.SetupState;
import org.orchestration.ui.port.ThemeChoice;
import org.orchestration.ui.port.UiPrefs;

/**
 * {@link SettingsPort} on the settings table and the services that own each setting (budget
 * limits, concurrency, routing, prices, API keys, the auth mode). Setting keys of its own:
 * {@value #FIRST_RUN_DONE}, {@value #OLLAMA_HOST} (applied at the next start),
 * {@value #PROJECT_BUDGET} (given to new projects), {@value #UI_PREFS}, {@value #CLOSE_TO_TRAY}.
 */
public final class SettingsAdapter implements SettingsPort {

    public static final String FIRST_RUN_DONE = "ui.first_run_done";
    static final String OLLAMA_HOST = "ollama.host";
    static final String PROJECT_BUDGET = ProjectService.DEFAULT_BUDGET_KEY;
    static final String UI_PREFS = "ui.prefs";
    static final String CLOSE_TO_TRAY = "ui.close_to_tray";
    static final String MAX_AUTO_RETRIES = "execution.max_auto_retries";

    private final Deps s;
    private final Map<String, org.orchestration.core.llm.ModelPrice> shippedPrices = Pricing.loadDefaults();

    /** What the settings screen reads and writes, all built by the composition root. */
    record Deps(AppConfig config, AppConfig.AuthMode authMode, User owner, SettingsStore settings, AuthService auth,
                UserAdminService userAdmin, AuthModeSwitch modeSwitch, ApiKeyService apiKeys, BudgetManager budget,
                Executor executor, ModelRouter router, Pricing pricing, ApiSwitch api, SettingsService settingsService) {
    }

    SettingsAdapter(Deps deps) {
        this.s = deps;
    }

    // ------------------------------------------------------------------ first run

    @Override
    public SetupState setupState() {
        return new SetupState(s.settings().get(FIRST_RUN_DONE, Boolean.class, false), s.authMode() == AppConfig.AuthMode.MULTI);
    }

    /**
     * Stores the first-run choices. Single-user start: the local owner acts; choosing multi-user
     * gives the owner the admin email and password and asks for multi-user mode at the next start.
     * Multi-user start: the admin account is registered (the first account is the admin).
     *
     * @throws ValidationException naming {@code provider} when neither Simulated, a key nor an Ollama URL is given,
     *                             or the field the account services name
     */
    @Override
    public User completeFirstRun(FirstRunRequest r) {
        String key = blankToEmpty(r.anthropicKey());
        String ollama = blankToEmpty(r.ollamaUrl());
        if (!r.simulated() && key.isEmpty() && ollama.isEmpty()) {
            throw new ValidationException("provider", "Choose Simulated mode or give an Anthropic key or an Ollama URL.");
        }
        User actor;
        if (s.owner() != null) {
            actor = s.owner();
            if (r.multiUser()) {
                s.userAdmin().changeEmail(actor, actor.id(), r.adminEmail());
                s.userAdmin().resetPassword(actor, actor.id(), r.adminPassword());
                s.modeSwitch().requestMode(actor, AppConfig.AuthMode.MULTI);
                actor = s.userAdmin().listUsers(actor).stream().map(a -> a.user()).filter(u -> u.id().equals(s.owner().id()))
                        .findFirst().orElse(actor);
            }
        } else {
            actor = s.auth().register(r.adminEmail(), r.adminPassword(), r.adminEmail());
            if (!r.multiUser()) {
                s.modeSwitch().requestMode(actor, AppConfig.AuthMode.SINGLE);
            }
        }
        s.budget().setLimits(actor, usd(r.dailyBudgetMicros(), "dailyBudgetMicros"), usd(r.monthlyBudgetMicros(), "monthlyBudgetMicros"));
        if (!key.isEmpty()) {
            s.settings().put(StoredKeyAnthropicProvider.KEY_SETTING, key);
        }
        if (!ollama.isEmpty()) {
            s.settings().put(OLLAMA_HOST, ollama);
        }
        s.settings().put(ModelRouter.MODE_KEY, r.simulated() ? "simulated" : !key.isEmpty() ? "live" : "local");
        s.settings().put(FIRST_RUN_DONE, true);
        return actor;
    }

    // ------------------------------------------------------------------ settings screen

    @Override
    public AppSettings load(User actor) {
        AccessPolicy.requireUser(actor);
        BudgetLimits limits = s.budget().limits();
        return new AppSettings(mask(s.settings().get(StoredKeyAnthropicProvider.KEY_SETTING, String.class)
                        .or(() -> s.config().anthropic().apiKey()).orElse("")),
                s.settings().get(OLLAMA_HOST, String.class).orElse(s.config().ollama().host()),
                s.router().mode().kind() == ModelRouter.ModeKind.SIMULATED,
                rules(routingTable()), builtInRules(), prices(),
                limits.dailyMicros(), limits.monthlyMicros(), s.settings().get(PROJECT_BUDGET, Long.class, 0L),
                s.executor().concurrency(), s.settings().get(MAX_AUTO_RETRIES, Integer.class, s.config().execution().maxAutoRetries()) + 1,
                s.api().runningPort().isPresent(), s.api().shownPort(s.config().api().port()),
                s.settings().get(CLOSE_TO_TRAY, Boolean.class, s.config().ui().closeToTray()),
                s.config().dataDir(), s.config().logDir());
    }

    /**
     * Saves everything but the key. Admin only (the single-user owner is an admin). The API switch
     * and port apply at once, first ({@link ApiSwitch#apply}): when the API cannot start on the port
     * (e.g. another program uses it) the save stops there with a {@code ValidationException}
     * "apiPort" and nothing is written. Global budgets of 0 are refused: in the engine 0 means
     * "spend nothing", not "no limit".
     */
    @Override
    public List<Path> knowledgeRoots(User actor) {
        return s.settingsService().get(actor).knowledgeAllowedRoots().stream().map(Path::of).toList();
    }

    @Override
    public List<Path> saveKnowledgeRoots(User actor, List<Path> roots) {
        List<String> folders = roots.stream().map(Path::toString).toList();
        return s.settingsService().update(actor, new SettingsPatch(null, null, null, null, null, folders))
                .knowledgeAllowedRoots().stream().map(Path::of).toList();
    }

    @Override
    public void save(User actor, AppSettings a) {
        AccessPolicy.requireAdmin(actor);
        ApiSwitch.requireValidPort(a.apiPort()); // before anything is written
        if (a.maxAttempts() < 1) {
            throw new ValidationException("maxAttempts", "A task needs at least 1 attempt.");
        }
        if (a.projectBudgetMicros() < 0) {
            throw new ValidationException("projectBudgetMicros", "The project budget must not be negative.");
        }
        double daily = usd(a.dailyBudgetMicros(), "dailyBudgetMicros");
        double monthly = usd(a.monthlyBudgetMicros(), "monthlyBudgetMicros");
        // Concurrency, retries, routing and prices through the settings service: it checks every
        // value (fields named like "prices.my-model.input") before it writes any of them, so a bad
        // one fails the save before the API below is touched.
        s.settingsService().update(actor, new SettingsPatch(a.concurrency(), null, a.maxAttempts() - 1,
                routingTable(a.routing()), priceTable(a.prices())));
        s.budget().setLimits(actor, daily, monthly);
        s.settings().put(PROJECT_BUDGET, a.projectBudgetMicros());
        s.settings().put(CLOSE_TO_TRAY, a.closeToTray());
        String ollama = blankToEmpty(a.ollamaUrl());
        if (!ollama.isEmpty() && !ollama.equals(s.config().ollama().host())) {
            s.settings().put(OLLAMA_HOST, ollama);
        }
        boolean simulatedNow = s.router().mode().kind() == ModelRouter.ModeKind.SIMULATED;
        if (a.simulated() != simulatedNow) {
            if (a.simulated()) {
                s.settings().put(ModelRouter.MODE_KEY, "simulated");
            } else {
                s.settings().remove(ModelRouter.MODE_KEY); // automatic: the key, else Ollama, else Simulated
            }
        }
        // Last: starts, stops or moves the API now, and stores the switch only when that worked (a
        // port in use is refused naming apiPort, with everything above saved).
        s.api().apply(a.apiEnabled(), a.apiPort());
    }

    private JsonNode routingTable() {
        return s.settings().get(ModelRouter.ROUTING_KEY, JsonNode.class).filter(JsonNode::isObject)
                .orElseGet(() -> Json.mapper().createObjectNode());
    }

    /** The router's built-in routes as rules (planning, each complexity, task type "local"), for the screen to list. */
    private List<RoutingRule> builtInRules() {
        ObjectNode table = Json.mapper().createObjectNode();
        s.router().builtInRoutes().forEach((key, route) ->
                table.set(key, Json.mapper().createObjectNode().put("provider", route.provider()).put("model", route.model())));
        return rules(table);
    }

    /** The stored routing table as rules: planning, simple/medium/complex, local and task_types.*. */
    static List<RoutingRule> rules(JsonNode table) {
        List<RoutingRule> out = new ArrayList<>();
        table.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (key.equals("task_types")) {
                e.getValue().fields().forEachRemaining(t -> rule(RoutingRule.Scope.TASK_TYPE, t.getKey(), t.getValue()).ifPresent(out::add));
            } else if (key.equals("planning")) {
                rule(RoutingRule.Scope.PLANNING, "", e.getValue()).ifPresent(out::add);
            } else if (RoutingRule.COMPLEXITIES.contains(key)) {
                rule(RoutingRule.Scope.COMPLEXITY, key, e.getValue()).ifPresent(out::add);
            } else if (key.equals(ModelRouter.LOCAL_TASK_TYPE)) {
                rule(RoutingRule.Scope.TASK_TYPE, key, e.getValue()).ifPresent(out::add);
            }
        });
        return out;
    }

    private static Optional<RoutingRule> rule(RoutingRule.Scope scope, String value, JsonNode route) {
        String provider = route.path("provider").asText("");
        String model = route.path("model").asText("");
        return provider.isBlank() || model.isBlank() ? Optional.empty() : Optional.of(new RoutingRule(scope, value, provider, model));
    }

    /** The rules as the {@value ModelRouter#ROUTING_KEY} table; "local" is a top-level entry, like the router reads it. */
    static ObjectNode routingTable(List<RoutingRule> rules) {
        ObjectNode table = Json.mapper().createObjectNode();
        ObjectNode types = Json.mapper().createObjectNode();
        for (RoutingRule r : rules) {
            ObjectNode route = Json.mapper().createObjectNode();
            route.put("provider", r.provider() == null ? "" : r.provider().strip());
            route.put("model", r.model() == null ? "" : r.model().strip());
            switch (r.scope()) {
                case PLANNING -> table.set("planning", route);
                case COMPLEXITY -> table.set(r.value(), route);
                case TASK_TYPE -> {
                    if (r.value().equals(ModelRouter.LOCAL_TASK_TYPE)) {
                        table.set(ModelRouter.LOCAL_TASK_TYPE, route);
                    } else {
                        types.set(r.value(), route);
                    }
                }
            }
        }
        if (!types.isEmpty()) {
            table.set("task_types", types);
        }
        return table;
    }

    /** The provider a model name belongs to: Claude models to Anthropic, "simulated" to Simulated, others to Ollama. */
    static String providerOf(String model) {
        if (model.startsWith("claude")) {
            return AnthropicProvider.ID;
        }
        return SimulatedProvider.MODEL.equals(model) ? SimulatedProvider.ID : OllamaProvider.ID;
    }

    private static ObjectNode route(String model) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("provider", providerOf(model));
        n.put("model", model);
        return n;
    }

    /**
     * The prices shown: every model with a stored price, and every model routed to Anthropic
     * (their shipped prices), each as stored over shipped.
     */
    private List<ModelPrice> prices() {
        ObjectNode overrides = overrides();
        Set<String> models = new LinkedHashSet<>();
        overrides.fieldNames().forEachRemaining(models::add);
        for (ModelRoute r : s.router().configuredRoutes()) {
            if (AnthropicProvider.ID.equals(r.provider())) {
                models.add(r.model());
            }
        }
        List<ModelPrice> out = new ArrayList<>();
        for (String model : models) {
            JsonNode stored = overrides.path(model);
            org.orchestration.core.llm.ModelPrice shipped = shipped(model);
            BigDecimal in = stored.path("input").isNumber() ? stored.path("input").decimalValue() : shipped == null ? null : shipped.input();
            BigDecimal outPrice = stored.path("output").isNumber() ? stored.path("output").decimalValue() : shipped == null ? null : shipped.output();
            if (in != null && outPrice != null) {
                out.add(new ModelPrice(model, micros(in), micros(outPrice)));
            }
        }
        return out;
    }

    private ObjectNode overrides() {
        return s.settings().get(Pricing.OVERRIDES_KEY, JsonNode.class).filter(JsonNode::isObject)
                .map(n -> (ObjectNode) n.deepCopy()).orElseGet(() -> Json.mapper().createObjectNode());
    }

    private org.orchestration.core.llm.ModelPrice shipped(String model) {
        org.orchestration.core.llm.ModelPrice p = shippedPrices.get(model);
        return p != null ? p : shippedPrices.get(model.replaceFirst("-\\d{8}$", ""));
    }

    /**
     * The {@value Pricing#OVERRIDES_KEY} table for the prices given: a price equal to the shipped one is
     * not stored, a stored price keeps its cache prices, a model left out loses its stored price.
     * Negative prices are passed on for the settings service to refuse, naming the field.
     */
    ObjectNode priceTable(List<ModelPrice> prices) {
        ObjectNode before = overrides();
        ObjectNode table = Json.mapper().createObjectNode();
        for (ModelPrice p : prices) {
            String model = p.model() == null ? "" : p.model().strip();
            org.orchestration.core.llm.ModelPrice shipped = shipped(model);
            JsonNode stored = before.get(model);
            if (stored == null && shipped != null && micros(shipped.input()) == p.inputMicrosPerMTok()
                    && micros(shipped.output()) == p.outputMicrosPerMTok()) {
                continue;
            }
            ObjectNode o = stored != null && stored.isObject() ? (ObjectNode) stored.deepCopy() : Json.mapper().createObjectNode();
            o.put("input", Money.microsToUsd(p.inputMicrosPerMTok()));
            o.put("output", Money.microsToUsd(p.outputMicrosPerMTok()));
            table.set(model, o);
        }
        return table;
    }

    private static long micros(BigDecimal usdPerMTok) {
        return usdPerMTok.multiply(BigDecimal.valueOf(Money.MICROS_PER_USD)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static double usd(long micros, String field) {
        if (micros <= 0) {
            throw new ValidationException(field, "Enter a budget above $0: the engine never spends past a limit, so $0 would stop every paid call.");
        }
        return micros / (double) Money.MICROS_PER_USD;
    }

    /** Replaces the stored Anthropic key (blank removes it). Admin only. Takes effect at the next call. */
    @Override
    public void setAnthropicKey(User actor, String apiKey) {
        AccessPolicy.requireAdmin(actor);
        String key = blankToEmpty(apiKey);
        if (key.isEmpty()) {
            s.settings().remove(StoredKeyAnthropicProvider.KEY_SETTING);
        } else {
            s.settings().put(StoredKeyAnthropicProvider.KEY_SETTING, key);
        }
    }

    static String mask(String key) {
        String k = blankToEmpty(key);
        if (k.isEmpty()) {
            return "";
        }
        return k.length() < 12 ? "••••" : k.substring(0, 7) + "…" + k.substring(k.length() - 4);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    // ------------------------------------------------------------------ personal API keys

    @Override
    public List<ApiKeyView> apiKeys(User actor) {
        return s.apiKeys().list(actor).stream().filter(k -> !k.revoked())
                .map(k -> new ApiKeyView(k.id(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt().orElse(null)))
                .toList();
    }

    @Override
    public String createApiKey(User actor, String name) {
        return s.apiKeys().create(actor, name).plaintext();
    }

    @Override
    public void revokeApiKey(User actor, String keyId) {
        s.apiKeys().revoke(actor, keyId);
    }

    // ------------------------------------------------------------------ window and theme

    /** Stored form of {@link UiPrefs}: JSON has no NaN, so unsaved bounds are null. */
    record StoredPrefs(Double x, Double y, Double width, Double height, boolean maximized, String screenId,
                       String lastScreen, String theme) {
    }

    @Override
    public UiPrefs uiPrefs() {
        UiPrefs d = UiPrefs.defaults();
        try {
            return s.settings().get(UI_PREFS, StoredPrefs.class).map(p -> new UiPrefs(orNaN(p.x()), orNaN(p.y()),
                    p.width() == null ? d.width() : p.width(), p.height() == null ? d.height() : p.height(), p.maximized(),
                    p.screenId(), p.lastScreen() == null ? d.lastScreen() : p.lastScreen(), theme(p.theme()))).orElse(d);
        } catch (RuntimeException e) {
            return d; // unreadable preferences are not worth an error: start with the defaults
        }
    }

    @Override
    public void saveUiPrefs(UiPrefs p) {
        s.settings().put(UI_PREFS, new StoredPrefs(finite(p.x()), finite(p.y()), finite(p.width()), finite(p.height()),
                p.maximized(), p.screenId(), p.lastScreen(), p.theme() == null ? ThemeChoice.SYSTEM.name() : p.theme().name()));
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static ThemeChoice theme(String name) {
        try {
            return name == null ? ThemeChoice.SYSTEM : ThemeChoice.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ThemeChoice.SYSTEM;
        }
    }

    /** The configuration with the Ollama address stored in the app, if any (read once at start). */
    public static AppConfig withStoredOllamaHost(AppConfig config, SettingsStore settings) {
        Optional<String> host = settings.get(OLLAMA_HOST, String.class).map(String::strip).filter(h -> !h.isEmpty());
        if (host.isEmpty() || host.get().equals(config.ollama().host())) {
            return config;
        }
        AppConfig.Ollama o = config.ollama();
        return new AppConfig(config.dataDir(), config.auth(), config.anthropic(),
                new AppConfig.Ollama(host.get(), o.generationTimeout(), o.embeddingTimeout(), o.healthTimeout()), config.comfyui(),
                config.execution(), config.budget(), config.api(), config.files(), config.rag(), config.monitor(),
                config.planning(), config.ui());
    }
}
