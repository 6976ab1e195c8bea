package org.orchestration.ui.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.auth.ApiKeyInfo;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.core.settings.UiPrefs;
import org.orchestration.core.settings.UiPrefsStore;

/** Settings: providers, budgets, concurrency, retries, API, personal keys, theme, tray. */
public final class SettingsViewModel {

    private final AppSettingsService appSettings;
    private final ApiKeyService keys;
    private final UiPrefsStore uiPrefs;
    private final Session session;
    private final UiTasks tasks;
    private final Consumer<ThemeChoice> applyTheme;
    private final Loadable<AppSettings> settings;
    private final Loadable<List<ApiKeyInfo>> apiKeys;

    private final StringProperty anthropicKey = new SimpleStringProperty("");
    private final StringProperty ollamaUrl = new SimpleStringProperty("");
    private final BooleanProperty simulated = new SimpleBooleanProperty();
    private final StringProperty dailyBudget = new SimpleStringProperty("");
    private final StringProperty monthlyBudget = new SimpleStringProperty("");
    private final StringProperty projectBudget = new SimpleStringProperty("");
    private final StringProperty concurrency = new SimpleStringProperty("");
    private final StringProperty maxAttempts = new SimpleStringProperty("");
    private final BooleanProperty apiEnabled = new SimpleBooleanProperty();
    private final StringProperty apiPort = new SimpleStringProperty("");
    private final BooleanProperty closeToTray = new SimpleBooleanProperty();
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper newSecret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper maskedKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper apiBaseUrl = new ReadOnlyStringWrapper("");
    private final ObservableList<RoutingRule> routes = FXCollections.observableArrayList();
    private final ObservableList<RouteRow> routeRows = FXCollections.observableArrayList();
    private List<RoutingRule> builtInRoutes = List.of();
    private final ObservableList<PriceRow> prices = FXCollections.observableArrayList();
    private final ObjectProperty<RoutingRule.Scope> ruleScope = new SimpleObjectProperty<>(RoutingRule.Scope.TASK_TYPE);
    private final StringProperty ruleValue = new SimpleStringProperty("");
    private final StringProperty ruleProvider = new SimpleStringProperty("anthropic");
    private final StringProperty ruleModel = new SimpleStringProperty("");
    private final StringProperty priceModel = new SimpleStringProperty("");
    private final StringProperty priceInput = new SimpleStringProperty("");
    private final StringProperty priceOutput = new SimpleStringProperty("");
    private final Loadable<List<Path>> knowledgeRoots;

    /** @param keys the signed-in user's personal API keys; {@code uiPrefs} holds the theme */
    public SettingsViewModel(AppSettingsService appSettings, ApiKeyService keys, UiPrefsStore uiPrefs, Session session,
                             UiTasks tasks, Consumer<ThemeChoice> applyTheme) {
        this.appSettings = appSettings;
        this.keys = keys;
        this.uiPrefs = uiPrefs;
        this.session = session;
        this.tasks = tasks;
        this.applyTheme = applyTheme;
        this.settings = new Loadable<>(tasks, s -> false);
        this.apiKeys = Loadable.of(tasks);
        this.knowledgeRoots = Loadable.of(tasks);
        settings.dataProperty().addListener((o, a, s) -> {
            if (s != null) {
                fill(s);
            }
        });
        apiPort.addListener((o, a, b) -> apiBaseUrl.set("http://127.0.0.1:" + b.strip() + "/api"));
        routes.addListener((ListChangeListener<RoutingRule>) c -> refreshRouteRows());
    }

    private void fill(AppSettings s) {
        maskedKey.set(s.anthropicKeyMasked().isBlank() ? "No key stored" : s.anthropicKeyMasked());
        ollamaUrl.set(s.ollamaUrl());
        simulated.set(s.simulated());
        dailyBudget.set(Format.usdPlain(s.dailyBudgetMicros()));
        monthlyBudget.set(Format.usdPlain(s.monthlyBudgetMicros()));
        projectBudget.set(Format.usdPlain(s.projectBudgetMicros()));
        concurrency.set(Integer.toString(s.concurrency()));
        maxAttempts.set(Integer.toString(s.maxAttempts()));
        apiEnabled.set(s.apiEnabled());
        apiPort.set(Integer.toString(s.apiPort()));
        closeToTray.set(s.closeToTray());
        builtInRoutes = s.builtInRouting();
        routes.setAll(sortedRules(s.routing()));
        refreshRouteRows(); // setAll of an empty list to an empty list fires no change
        prices.setAll(s.prices().stream().sorted(Comparator.comparing(PriceRow::model)).toList());
    }

    // Properties
    public Loadable<AppSettings> settings() { return settings; }
    public Loadable<List<ApiKeyInfo>> apiKeys() { return apiKeys; }
    public StringProperty anthropicKeyProperty() { return anthropicKey; }
    public StringProperty ollamaUrlProperty() { return ollamaUrl; }
    public BooleanProperty simulatedProperty() { return simulated; }
    public StringProperty dailyBudgetProperty() { return dailyBudget; }
    public StringProperty monthlyBudgetProperty() { return monthlyBudget; }
    public StringProperty projectBudgetProperty() { return projectBudget; }
    public StringProperty concurrencyProperty() { return concurrency; }
    public StringProperty maxAttemptsProperty() { return maxAttempts; }
    public BooleanProperty apiEnabledProperty() { return apiEnabled; }
    public StringProperty apiPortProperty() { return apiPort; }
    public BooleanProperty closeToTrayProperty() { return closeToTray; }
    public ObjectProperty<ThemeChoice> themeProperty() { return theme; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }
    /** A newly created personal API key, shown once. */
    public ReadOnlyStringProperty newSecretProperty() { return newSecret.getReadOnlyProperty(); }
    public ReadOnlyStringProperty maskedKeyProperty() { return maskedKey.getReadOnlyProperty(); }
    public ReadOnlyStringProperty apiBaseUrlProperty() { return apiBaseUrl.getReadOnlyProperty(); }
    /** The routing rules being edited (saved with {@link #save()}). */
    public ObservableList<RoutingRule> routes() { return routes; }
    /** What the routing table shows: the rules being edited, and each built-in route no rule replaces. */
    public ObservableList<RouteRow> routeRows() { return routeRows; }
    /** The prices being edited (saved with {@link #save()}). */
    public ObservableList<PriceRow> prices() { return prices; }
    /** The rule editor: what it applies to, its value (complexity or task type), provider and model. */
    public ObjectProperty<RoutingRule.Scope> ruleScopeProperty() { return ruleScope; }
    public StringProperty ruleValueProperty() { return ruleValue; }
    public StringProperty ruleProviderProperty() { return ruleProvider; }
    public StringProperty ruleModelProperty() { return ruleModel; }
    /** The price editor: model, input and output USD per million tokens. */
    public StringProperty priceModelProperty() { return priceModel; }
    public StringProperty priceInputProperty() { return priceInput; }
    public StringProperty priceOutputProperty() { return priceOutput; }

    // Commands: routing rules

    /** Puts the rule editor's values in the form, for changing that rule. */
    public void editRule(RoutingRule r) {
        ruleScope.set(r.scope());
        ruleValue.set(r.value());
        ruleProvider.set(r.provider());
        ruleModel.set(r.model());
    }

    /**
     * Adds the rule in the editor, or replaces the rule with the same target. Saved with the other
     * settings. Returns "" when accepted, else the problem, starting with the field's name.
     */
    public String putRule() {
        RoutingRule.Scope scope = ruleScope.get();
        String value = ruleValue.get() == null ? "" : ruleValue.get().strip().toLowerCase(Locale.ROOT);
        String problem = "";
        if (scope == null) {
            problem = "Applies to: choose planning, a complexity or a task type.";
        } else if (scope == RoutingRule.Scope.COMPLEXITY && !RoutingRule.COMPLEXITIES.contains(value)) {
            problem = "Complexity: choose simple, medium or complex.";
        } else if (scope == RoutingRule.Scope.TASK_TYPE && value.isEmpty()) {
            problem = "Task type: name the task type, e.g. research.";
        } else if (scope == RoutingRule.Scope.TASK_TYPE && !value.matches("[a-z0-9_.-]{1,60}")) {
            problem = "Task type: use up to 60 letters, digits, '-', '_' or '.'.";
        } else if (ruleProvider.get() == null || !RoutingRule.PROVIDERS.contains(ruleProvider.get())) {
            problem = "Provider: choose anthropic, ollama or simulated.";
        } else if (ruleModel.get() == null || ruleModel.get().isBlank()) {
            problem = "Model: name the model, e.g. claude-sonnet-4-6.";
        } else if (ruleModel.get().strip().length() > 200) {
            problem = "Model: a model name has at most 200 characters.";
        }
        if (!problem.isEmpty()) {
            message.set(problem);
            return problem;
        }
        RoutingRule rule = new RoutingRule(scope, value, ruleProvider.get(), ruleModel.get().strip());
        boolean replaced = routes.removeIf(rule::sameTarget);
        routes.add(rule);
        routes.setAll(sortedRules(routes));
        message.set((replaced ? "Rule changed: " : "Rule added: ") + rule.target() + " → " + rule.model()
                + ". Save settings to apply it.");
        ruleValue.set("");
        ruleModel.set("");
        return "";
    }

    /** Removes a rule (the view confirms first); saved with the other settings. A built-in route cannot be removed. */
    public void removeRule(RoutingRule r) {
        if (routes.remove(r)) {
            message.set("Rule removed: " + r.target() + ". Save settings to apply; " + builtInRoutes.stream().filter(r::sameTarget)
                    .findFirst().map(b -> "the built-in route (" + b.model() + ") is used instead.")
                    .orElse(r.scope() == RoutingRule.Scope.TASK_TYPE ? "these tasks are routed by their complexity." : "the built-in route is used instead."));
        }
    }

    private void refreshRouteRows() {
        List<RouteRow> rows = new ArrayList<>();
        routes.forEach(r -> rows.add(new RouteRow(r, false)));
        builtInRoutes.stream().filter(b -> routes.stream().noneMatch(b::sameTarget)).forEach(b -> rows.add(new RouteRow(b, true)));
        rows.sort(Comparator.comparing(RouteRow::rule, RULE_ORDER));
        routeRows.setAll(rows);
    }

    /** Planning, then simple / medium / complex, then task types by name. */
    private static final Comparator<RoutingRule> RULE_ORDER = Comparator.comparing(RoutingRule::scope)
            .thenComparing(r -> r.scope() == RoutingRule.Scope.COMPLEXITY ? String.valueOf(RoutingRule.COMPLEXITIES.indexOf(r.value()))
                    : r.value());

    private static List<RoutingRule> sortedRules(List<RoutingRule> rules) {
        return rules.stream().sorted(RULE_ORDER).toList();
    }

    // Commands: prices

    /** Puts a price in the editor, for changing it. */
    public void editPrice(PriceRow p) {
        priceModel.set(p.model());
        priceInput.set(Format.usdPlain(p.inputMicrosPerMTok()));
        priceOutput.set(Format.usdPlain(p.outputMicrosPerMTok()));
    }

    /**
     * Adds the price in the editor (USD per million tokens), or replaces the model's price. Saved
     * with the other settings. Returns "" when accepted, else the problem, starting with the field's name.
     */
    public String putPrice() {
        String model = priceModel.get() == null ? "" : priceModel.get().strip();
        long in = Format.parseUsd(priceInput.get());
        long out = Format.parseUsd(priceOutput.get());
        String problem = "";
        if (model.isEmpty()) {
            problem = "Model: name the model the price is for.";
        } else if (model.length() > 200) {
            problem = "Model: a model name has at most 200 characters.";
        } else if (in < 0) {
            problem = "Input price: enter US dollars per million tokens, 0 or more (e.g. 3 or 0.25).";
        } else if (out < 0) {
            problem = "Output price: enter US dollars per million tokens, 0 or more (e.g. 15 or 1.25).";
        }
        if (!problem.isEmpty()) {
            message.set(problem);
            return problem;
        }
        boolean replaced = prices.removeIf(p -> p.model().equals(model));
        prices.add(new PriceRow(model, in, out));
        prices.setAll(prices.stream().sorted(Comparator.comparing(PriceRow::model)).toList());
        message.set((replaced ? "Price changed for " : "Price added for ") + model + ". Save settings to apply it.");
        priceModel.set("");
        priceInput.set("");
        priceOutput.set("");
        return "";
    }

    /** Removes a model's price (the view confirms first); saved with the other settings. */
    public void removePrice(PriceRow p) {
        if (prices.remove(p)) {
            message.set("Price removed for " + p.model() + ". Save settings to apply; a model without a price "
                    + "is refused by the budget unless the shipped table prices it.");
        }
    }

    public void load() {
        settings.load(() -> appSettings.load(session.user()));
        apiKeys.load(() -> keys.listActive(session.user()));
        knowledgeRoots.load(() -> appSettings.knowledgeRoots(session.user()));
        tasks.create(uiPrefs::load).onSuccess(p -> theme.set(p.theme())).onError(message::set).start();
    }

    /** "" when every field is valid, else the first problem. */
    public String validate() {
        if (Format.parseUsd(dailyBudget.get()) < 0 || Format.parseUsd(monthlyBudget.get()) < 0
                || Format.parseUsd(projectBudget.get()) < 0) {
            return "Budgets are amounts in dollars, 0 or more.";
        }
        long d = Format.parseUsd(dailyBudget.get());
        long m = Format.parseUsd(monthlyBudget.get());
        if (d > 0 && m > 0 && m < d) {
            return "The monthly budget cannot be smaller than the daily budget.";
        }
        if (intIn(concurrency.get(), 1, 32) < 0) {
            return "Concurrency is a whole number from 1 to 32.";
        }
        if (intIn(maxAttempts.get(), 1, 10) < 0) {
            return "Attempts per task is a whole number from 1 to 10.";
        }
        if (intIn(apiPort.get(), 1024, 65535) < 0) {
            return "The API port is a number from 1024 to 65535.";
        }
        if (!simulated.get() && ollamaUrl.get().isBlank() && maskedKey.get().equals("No key stored")
                && anthropicKey.get().isBlank()) {
            return "Keep at least one provider: an Anthropic key, an Ollama URL, or Simulated mode.";
        }
        return "";
    }

    static int intIn(String text, int min, int max) {
        try {
            int v = Integer.parseInt(text.strip());
            return v < min || v > max ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public void save() {
        String problem = validate();
        if (!problem.isEmpty()) {
            message.set(problem);
            return;
        }
        AppSettings old = settings.getData();
        if (old == null) {
            return;
        }
        AppSettings s = new AppSettings(old.anthropicKeyMasked(), ollamaUrl.get().strip(), simulated.get(),
                List.copyOf(routes), old.builtInRouting(), List.copyOf(prices), Format.parseUsd(dailyBudget.get()),
                Format.parseUsd(monthlyBudget.get()), Format.parseUsd(projectBudget.get()),
                Integer.parseInt(concurrency.get().strip()), Integer.parseInt(maxAttempts.get().strip()),
                apiEnabled.get(), Integer.parseInt(apiPort.get().strip()), closeToTray.get(),
                old.dataFolder(), old.logFolder());
        String key = anthropicKey.get().strip();
        tasks.run(() -> {
                    appSettings.save(session.user(), s);
                    if (!key.isEmpty()) {
                        appSettings.setAnthropicKey(session.user(), key);
                    }
                })
                .onSuccess(v -> {
                    anthropicKey.set("");
                    message.set("Settings saved.");
                    settings.load(() -> appSettings.load(session.user()));
                })
                .onError(message::set)
                .start();
    }

    public void removeAnthropicKey() {
        tasks.run(() -> appSettings.setAnthropicKey(session.user(), ""))
                .onSuccess(v -> {
                    message.set("Anthropic key removed.");
                    settings.load(() -> appSettings.load(session.user()));
                })
                .onError(message::set).start();
    }

    public void chooseTheme(ThemeChoice choice) {
        theme.set(choice);
        applyTheme.accept(choice);
        tasks.run(() -> {
            UiPrefs p = uiPrefs.load();
            uiPrefs.save(p.withTheme(choice));
        }).onError(message::set).start();
    }

    public void createApiKey(String name) {
        if (name == null || name.isBlank()) {
            message.set("Give the key a name.");
            return;
        }
        tasks.create(() -> keys.create(session.user(), name.strip()).plaintext())
                .onSuccess(secret -> {
                    newSecret.set(secret);
                    message.set("Copy the key now: it is shown only once.");
                    apiKeys.load(() -> keys.listActive(session.user()));
                })
                .onError(message::set).start();
    }

    public void revokeApiKey(String id) {
        tasks.run(() -> keys.revoke(session.user(), id))
                .onSuccess(v -> apiKeys.load(() -> keys.listActive(session.user())))
                .onError(message::set).start();
    }

    // Commands: knowledge roots (applied at once, not with Save: the list is its own setting)

    /** The folders admins allow for everyone's knowledge bases. */
    public Loadable<List<Path>> knowledgeRoots() { return knowledgeRoots; }

    /** Only admins change the allowed roots; others see them. */
    public boolean canEditKnowledgeRoots() { return session.isAdmin(); }

    /** Allows {@code folder} for everyone's knowledge bases; the engine refuses the data or config folder. */
    public void addKnowledgeRoot(Path folder) {
        List<Path> now = knowledgeRoots.getData() == null ? List.of() : knowledgeRoots.getData();
        if (now.contains(folder)) {
            message.set(folder + " is already allowed.");
            return;
        }
        List<Path> next = new ArrayList<>(now);
        next.add(folder);
        saveKnowledgeRoots(next, "Knowledge bases may now be created inside " + folder + ".");
    }

    /** Stops allowing {@code folder} (the view confirms first); bases inside it are refused at their next re-index. */
    public void removeKnowledgeRoot(Path folder) {
        List<Path> next = new ArrayList<>(knowledgeRoots.getData() == null ? List.of() : knowledgeRoots.getData());
        if (next.remove(folder)) {
            saveKnowledgeRoots(next, folder + " is no longer allowed.");
        }
    }

    private void saveKnowledgeRoots(List<Path> roots, String done) {
        tasks.create(() -> appSettings.saveKnowledgeRoots(session.user(), roots))
                .onSuccess(saved -> {
                    message.set(done);
                    knowledgeRoots.load(() -> saved);
                })
                .onError(message::set).start();
    }
}
