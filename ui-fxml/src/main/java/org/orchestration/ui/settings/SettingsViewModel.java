package org.orchestration.ui.settings;

import java.util.List;
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
import javafx.collections.ObservableList;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Loadable;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.ui.port.ApiKeyView;
import org.orchestration.ui.port.AppSettings;
import org.orchestration.ui.port.ModelPrice;
import org.orchestration.ui.port.SettingsPort;
import org.orchestration.ui.port.ThemeChoice;
import org.orchestration.ui.port.UiPrefs;

/** Settings: providers, budgets, concurrency, retries, API, personal keys, theme, tray. */
public final class SettingsViewModel {

    private final SettingsPort port;
    private final Session session;
    private final UiTasks tasks;
    private final Consumer<ThemeChoice> applyTheme;
    private final Loadable<AppSettings> settings;
    private final Loadable<List<ApiKeyView>> apiKeys;

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
    private final ObservableList<RouteEntry> routes = FXCollections.observableArrayList();
    private final ObservableList<ModelPrice> prices = FXCollections.observableArrayList();

    /** One model-routing rule: tasks of {@code taskType} go to {@code model}. */
    public record RouteEntry(String taskType, String model) {
    }

    public SettingsViewModel(SettingsPort port, Session session, UiTasks tasks, Consumer<ThemeChoice> applyTheme) {
        this.port = port;
        this.session = session;
        this.tasks = tasks;
        this.applyTheme = applyTheme;
        this.settings = new Loadable<>(tasks, s -> false);
        this.apiKeys = Loadable.of(tasks);
        settings.dataProperty().addListener((o, a, s) -> {
            if (s != null) {
                fill(s);
            }
        });
        apiPort.addListener((o, a, b) -> apiBaseUrl.set("http://127.0.0.1:" + b.strip() + "/api"));
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
        routes.setAll(new java.util.TreeMap<>(s.routing()).entrySet().stream()
                .map(e -> new RouteEntry(e.getKey(), e.getValue())).toList());
        prices.setAll(s.prices());
    }

    // Properties
    public Loadable<AppSettings> settings() { return settings; }
    public Loadable<List<ApiKeyView>> apiKeys() { return apiKeys; }
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
    public ObservableList<RouteEntry> routes() { return routes; }
    public ObservableList<ModelPrice> prices() { return prices; }

    /** Changes where a task type is routed; "" when accepted, else the problem. */
    public String setRouteModel(String taskType, String model) {
        if (model == null || model.isBlank()) {
            message.set("Name a model for “" + taskType + "” tasks.");
            return message.get();
        }
        routes.replaceAll(r -> r.taskType().equals(taskType) ? new RouteEntry(taskType, model.strip()) : r);
        return "";
    }

    /** Changes a model's prices, given in dollars per million tokens; "" when accepted. */
    public String setPrice(String model, String inputUsd, String outputUsd) {
        long in = Format.parseUsd(inputUsd);
        long out = Format.parseUsd(outputUsd);
        if (in < 0 || out < 0) {
            message.set("Prices are dollar amounts per million tokens, e.g. 3 or 0.25.");
            return message.get();
        }
        prices.replaceAll(p -> p.model().equals(model) ? new ModelPrice(model, in, out) : p);
        return "";
    }

    public void load() {
        settings.load(() -> port.load(session.user()));
        apiKeys.load(() -> port.apiKeys(session.user()));
        tasks.create(port::uiPrefs).onSuccess(p -> theme.set(p.theme())).onError(message::set).start();
    }

    /** "" when every field is valid, else the first problem. */
    public String validate() {
        if (Format.parseUsd(dailyBudget.get()) < 0 || Format.parseUsd(monthlyBudget.get()) < 0
                || Format.parseUsd(projectBudget.get()) < 0) {
            return "Budgets are amounts in dollars (0 means no limit).";
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
                old.planningModel(), routes.stream().collect(java.util.stream.Collectors.toMap(RouteEntry::taskType,
                        RouteEntry::model)), List.copyOf(prices), Format.parseUsd(dailyBudget.get()),
                Format.parseUsd(monthlyBudget.get()), Format.parseUsd(projectBudget.get()),
                Integer.parseInt(concurrency.get().strip()), Integer.parseInt(maxAttempts.get().strip()),
                apiEnabled.get(), Integer.parseInt(apiPort.get().strip()), closeToTray.get(),
                old.dataFolder(), old.logFolder());
        String key = anthropicKey.get().strip();
        tasks.run(() -> {
                    port.save(session.user(), s);
                    if (!key.isEmpty()) {
                        port.setAnthropicKey(session.user(), key);
                    }
                })
                .onSuccess(v -> {
                    anthropicKey.set("");
                    message.set("Settings saved.");
                    settings.load(() -> port.load(session.user()));
                })
                .onError(message::set)
                .start();
    }

    public void removeAnthropicKey() {
        tasks.run(() -> port.setAnthropicKey(session.user(), ""))
                .onSuccess(v -> {
                    message.set("Anthropic key removed.");
                    settings.load(() -> port.load(session.user()));
                })
                .onError(message::set).start();
    }

    public void chooseTheme(ThemeChoice choice) {
        theme.set(choice);
        applyTheme.accept(choice);
        tasks.run(() -> {
            UiPrefs p = port.uiPrefs();
            port.saveUiPrefs(p.withTheme(choice));
        }).onError(message::set).start();
    }

    public void createApiKey(String name) {
        if (name == null || name.isBlank()) {
            message.set("Give the key a name.");
            return;
        }
        tasks.create(() -> port.createApiKey(session.user(), name.strip()))
                .onSuccess(secret -> {
                    newSecret.set(secret);
                    message.set("Copy the key now: it is shown only once.");
                    apiKeys.load(() -> port.apiKeys(session.user()));
                })
                .onError(message::set).start();
    }

    public void revokeApiKey(String id) {
        tasks.run(() -> port.revokeApiKey(session.user(), id))
                .onSuccess(v -> apiKeys.load(() -> port.apiKeys(session.user())))
                .onError(message::set).start();
    }
}
