package org.orchestration.ui.settings;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.orchestration.ui.common.ContentView;
import org.orchestration.ui.common.FolderChooser;
import org.orchestration.ui.common.ListItems;
import org.orchestration.ui.common.Dialogs;
import org.orchestration.ui.common.Format;
import org.orchestration.ui.common.Route;
import org.orchestration.ui.common.StateOverlay;
import org.orchestration.core.auth.ApiKeyInfo;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.core.settings.ThemeChoice;

/** Settings; routing rules and prices are added, changed and removed with the editor rows under their tables. */
public final class SettingsView implements ContentView {

    private final SettingsViewModel vm;
    private final Consumer<Path> fileOpener;

    @FXML private Label message;
    @FXML private Button save;
    @FXML private StackPane body;
    @FXML private Label maskedKey;
    @FXML private Button removeKey;
    @FXML private PasswordField anthropicKey;
    @FXML private TextField ollamaUrl;
    @FXML private CheckBox simulated;
    @FXML private TableView<RouteRow> routing;
    @FXML private TableColumn<RouteRow, String> routeTarget;
    @FXML private TableColumn<RouteRow, String> routeProvider;
    @FXML private TableColumn<RouteRow, String> routeModel;
    @FXML private TableColumn<RouteRow, String> routeSource;
    @FXML private ChoiceBox<RoutingRule.Scope> ruleScope;
    @FXML private TextField ruleValue;
    @FXML private ChoiceBox<String> ruleProvider;
    @FXML private TextField ruleModel;
    @FXML private Button putRule;
    @FXML private Button removeRule;
    @FXML private TableView<PriceRow> prices;
    @FXML private TableColumn<PriceRow, String> priceModel;
    @FXML private TableColumn<PriceRow, String> priceIn;
    @FXML private TableColumn<PriceRow, String> priceOut;
    @FXML private TextField priceModelField;
    @FXML private TextField priceInputField;
    @FXML private TextField priceOutputField;
    @FXML private Button putPrice;
    @FXML private Button removePrice;
    @FXML private TextField dailyBudget;
    @FXML private TextField monthlyBudget;
    @FXML private TextField projectBudget;
    @FXML private TextField concurrency;
    @FXML private TextField maxAttempts;
    @FXML private CheckBox apiEnabled;
    @FXML private TextField apiPort;
    @FXML private TextField baseUrl;
    @FXML private Button copyUrl;
    @FXML private ListView<ApiKeyInfo> apiKeys;
    @FXML private TextField newKeyName;
    @FXML private Button createKey;
    @FXML private Button revokeKey;
    @FXML private TextField newSecret;
    @FXML private Button copySecret;
    @FXML private ChoiceBox<ThemeChoice> theme;
    @FXML private CheckBox closeToTray;
    @FXML private Label dataFolder;
    @FXML private Button openLogs;
    @FXML private ListView<Path> knowledgeRoots;
    @FXML private Button addKnowledgeRoot;
    @FXML private Button removeKnowledgeRoot;
    private final FolderChooser folders;

    public SettingsView(SettingsViewModel vm, Consumer<Path> fileOpener, FolderChooser folders) {
        this.vm = vm;
        this.fileOpener = fileOpener;
        this.folders = folders;
    }

    @FXML
    private void initialize() {
        message.textProperty().bind(vm.messageProperty());
        save.setOnAction(e -> vm.save());
        maskedKey.textProperty().bind(vm.maskedKeyProperty());
        removeKey.disableProperty().bind(vm.maskedKeyProperty().isEqualTo("No key stored"));
        removeKey.setOnAction(e -> {
            if (Dialogs.confirm(removeKey, "Remove the Anthropic key?",
                    "Tasks routed to Anthropic will fail until a new key is set.", "Remove")) {
                vm.removeAnthropicKey();
            }
        });
        anthropicKey.textProperty().bindBidirectional(vm.anthropicKeyProperty());
        ollamaUrl.textProperty().bindBidirectional(vm.ollamaUrlProperty());
        simulated.selectedProperty().bindBidirectional(vm.simulatedProperty());
        dailyBudget.textProperty().bindBidirectional(vm.dailyBudgetProperty());
        monthlyBudget.textProperty().bindBidirectional(vm.monthlyBudgetProperty());
        projectBudget.textProperty().bindBidirectional(vm.projectBudgetProperty());
        concurrency.textProperty().bindBidirectional(vm.concurrencyProperty());
        maxAttempts.textProperty().bindBidirectional(vm.maxAttemptsProperty());
        apiEnabled.selectedProperty().bindBidirectional(vm.apiEnabledProperty());
        apiPort.textProperty().bindBidirectional(vm.apiPortProperty());
        apiPort.disableProperty().bind(vm.apiEnabledProperty().not());
        baseUrl.textProperty().bind(vm.apiBaseUrlProperty());
        copyUrl.setOnAction(e -> copy(baseUrl.getText()));
        closeToTray.selectedProperty().bindBidirectional(vm.closeToTrayProperty());
        theme.setItems(FXCollections.observableArrayList(ThemeChoice.values()));
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(ThemeChoice t) {
                return t == null ? "" : switch (t) {
                    case SYSTEM -> "Follow the system";
                    case LIGHT -> "Light";
                    case DARK -> "Dark";
                };
            }

            @Override
            public ThemeChoice fromString(String s) {
                return ThemeChoice.SYSTEM;
            }
        });
        theme.setValue(vm.themeProperty().get());
        vm.themeProperty().addListener((o, a, t) -> theme.setValue(t));
        theme.setOnAction(e -> {
            if (theme.getValue() != null && theme.getValue() != vm.themeProperty().get()) {
                vm.chooseTheme(theme.getValue());
            }
        });
        vm.settings().dataProperty().addListener((o, a, s) -> {
            if (s != null) {
                show(s);
            }
        });
        bindRouting();
        bindPrices();
        bindKnowledgeRoots();
        apiKeys.itemsProperty().bind(ListItems.of(vm.apiKeys()));
        apiKeys.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ApiKeyInfo k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? null : k.name() + "  ·  " + k.prefix() + "…");
            }
        });
        apiKeys.setPlaceholder(new Label("No personal API keys."));
        createKey.disableProperty().bind(newKeyName.textProperty().isEmpty());
        createKey.setOnAction(e -> {
            vm.createApiKey(newKeyName.getText());
            newKeyName.clear();
        });
        revokeKey.disableProperty().bind(apiKeys.getSelectionModel().selectedItemProperty().isNull());
        revokeKey.setOnAction(e -> {
            ApiKeyInfo k = apiKeys.getSelectionModel().getSelectedItem();
            if (Dialogs.confirm(revokeKey, "Revoke “" + k.name() + "”?", "Clients using this key stop working at once.", "Revoke")) {
                vm.revokeApiKey(k.id());
            }
        });
        newSecret.textProperty().bind(vm.newSecretProperty());
        newSecret.visibleProperty().bind(vm.newSecretProperty().isNotEmpty());
        copySecret.visibleProperty().bind(vm.newSecretProperty().isNotEmpty());
        copySecret.setOnAction(e -> copy(newSecret.getText()));
        StateOverlay.attach(body, vm.settings(), "");
    }

    private void bindRouting() {
        routing.setItems(vm.routeRows());
        routeTarget.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rule().target()));
        routeProvider.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rule().provider()));
        routeModel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rule().model()));
        routeSource.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source()));
        routing.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.editRule(row.rule()); // a built-in row fills the editor too: "Add / change rule" then overrides it
            }
        });
        ruleScope.setItems(FXCollections.observableArrayList(RoutingRule.Scope.values()));
        ruleScope.setConverter(new StringConverter<>() {
            @Override
            public String toString(RoutingRule.Scope s) {
                return s == null ? "" : switch (s) {
                    case PLANNING -> "Planning";
                    case COMPLEXITY -> "Complexity";
                    case TASK_TYPE -> "Task type";
                };
            }

            @Override
            public RoutingRule.Scope fromString(String s) {
                return RoutingRule.Scope.TASK_TYPE;
            }
        });
        ruleScope.valueProperty().bindBidirectional(vm.ruleScopeProperty());
        ruleValue.textProperty().bindBidirectional(vm.ruleValueProperty());
        ruleValue.disableProperty().bind(vm.ruleScopeProperty().isEqualTo(RoutingRule.Scope.PLANNING));
        ruleValue.promptTextProperty().bind(Bindings.createStringBinding(
                () -> vm.ruleScopeProperty().get() == RoutingRule.Scope.COMPLEXITY ? "simple, medium or complex"
                        : vm.ruleScopeProperty().get() == RoutingRule.Scope.PLANNING ? "" : "task type, e.g. research",
                vm.ruleScopeProperty()));
        ruleProvider.setItems(FXCollections.observableArrayList(RoutingRule.PROVIDERS));
        ruleProvider.valueProperty().bindBidirectional(vm.ruleProviderProperty());
        ruleModel.textProperty().bindBidirectional(vm.ruleModelProperty());
        ruleModel.setOnAction(e -> vm.putRule());
        putRule.setOnAction(e -> vm.putRule());
        removeRule.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            RouteRow row = routing.getSelectionModel().getSelectedItem();
            return row == null || row.builtIn();
        }, routing.getSelectionModel().selectedItemProperty()));
        removeRule.setOnAction(e -> {
            RouteRow row = routing.getSelectionModel().getSelectedItem();
            if (row != null && !row.builtIn() && Dialogs.confirm(removeRule,
                    "Remove the rule “" + row.rule().target() + " → " + row.rule().model() + "”?",
                    "Calls it covered go to the built-in route once the settings are saved.", "Remove")) {
                vm.removeRule(row.rule());
            }
        });
    }

    private void bindPrices() {
        prices.setItems(vm.prices());
        priceModel.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().model()));
        priceIn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.usdPlain(c.getValue().inputMicrosPerMTok())));
        priceOut.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Format.usdPlain(c.getValue().outputMicrosPerMTok())));
        prices.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                vm.editPrice(p);
            }
        });
        priceModelField.textProperty().bindBidirectional(vm.priceModelProperty());
        priceInputField.textProperty().bindBidirectional(vm.priceInputProperty());
        priceOutputField.textProperty().bindBidirectional(vm.priceOutputProperty());
        priceOutputField.setOnAction(e -> vm.putPrice());
        putPrice.setOnAction(e -> vm.putPrice());
        removePrice.disableProperty().bind(prices.getSelectionModel().selectedItemProperty().isNull());
        removePrice.setOnAction(e -> {
            PriceRow p = prices.getSelectionModel().getSelectedItem();
            if (p != null && Dialogs.confirm(removePrice, "Remove the price of " + p.model() + "?",
                    "Once saved, calls to this model are refused unless the shipped price list has it.", "Remove")) {
                vm.removePrice(p);
            }
        });
    }

    private void bindKnowledgeRoots() {
        knowledgeRoots.itemsProperty().bind(ListItems.of(vm.knowledgeRoots()));
        knowledgeRoots.setPlaceholder(new Label("None: users index only their own knowledge folder."));
        addKnowledgeRoot.setDisable(!vm.canEditKnowledgeRoots());
        addKnowledgeRoot.setOnAction(e -> folders.choose(addKnowledgeRoot.getScene().getWindow(),
                "Choose a folder every user may index").ifPresent(vm::addKnowledgeRoot));
        removeKnowledgeRoot.disableProperty().bind(knowledgeRoots.getSelectionModel().selectedItemProperty().isNull()
                .or(Bindings.createBooleanBinding(() -> !vm.canEditKnowledgeRoots())));
        removeKnowledgeRoot.setOnAction(e -> {
            Path root = knowledgeRoots.getSelectionModel().getSelectedItem();
            if (root != null && Dialogs.confirm(removeKnowledgeRoot, "Stop allowing " + root + "?",
                    "Knowledge bases inside it are refused at their next re-index.", "Remove")) {
                vm.removeKnowledgeRoot(root);
            }
        });
    }

    private void show(AppSettings s) {
        dataFolder.setText(s.dataFolder().toString());
        openLogs.setOnAction(e -> fileOpener.accept(s.logFolder()));
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    @Override
    public void onShow(Route route) {
        vm.load();
    }
}
