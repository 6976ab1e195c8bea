package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.ui.settings.RouteRow;
import org.orchestration.ui.testing.UiEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings, clicked through on the real engine: add and remove routing rules and prices, with
 * validation and confirmation, checked against what the real settings adapter stored.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsFlowTest {

    /** A price the user stored for a model with no shipped price; the flow removes it. */
    static final PriceRow PROXY_PRICE = new PriceRow("team-proxy-model", 2_000_000, 8_000_000);

    @TempDir
    static Path dir;
    static UiEngine engine;

    private EngineShell app;
    private Stage stage;

    @BeforeAll
    static void startEngine() {
        engine = EngineShell.singleUser(dir);
        seedSettings();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** Four rules of the user's (planning, code, research, local) and one stored price, saved as the Settings screen saves them. */
    private static void seedSettings() {
        AppSettingsService settings = engine.engine.services().appSettings();
        User owner = engine.engine.owner();
        AppSettings a = settings.load(owner);
        List<RoutingRule> rules = List.of(new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", "claude-sonnet-4-5"),
                new RoutingRule(RoutingRule.Scope.TASK_TYPE, "code", "anthropic", "claude-sonnet-4-5"),
                new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-haiku-4-5"),
                new RoutingRule(RoutingRule.Scope.TASK_TYPE, "local", "ollama", "llama3.1"));
        settings.save(owner, new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), rules, a.builtInRouting(),
                List.of(PROXY_PRICE), a.dailyBudgetMicros(), a.monthlyBudgetMicros(), a.projectBudgetMicros(), a.concurrency(),
                a.maxAttempts(), a.apiEnabled(), a.apiPort(), a.closeToTray(), a.dataFolder(), a.logFolder()));
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = EngineShell.show(stage, engine);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    private List<RoutingRule> savedRules() {
        return app.services.appSettings().load(app.owner()).routing();
    }

    private List<PriceRow> savedPrices() {
        return app.services.appSettings().load(app.owner()).prices();
    }

    /** Scrolls the table to the row whose item matches, then clicks that row. */
    private static void clickRow(FxRobot robot, String table, Predicate<Object> item) {
        TableView<?> view = robot.lookup(table).queryTableView();
        int index = -1;
        for (int i = 0; i < view.getItems().size(); i++) {
            if (item.test(view.getItems().get(i))) {
                index = i;
            }
        }
        int row = index;
        robot.interact(() -> view.scrollTo(row));
        Node cell = robot.lookup(table + " .table-row-cell").match(n -> ((TableRow<?>) n).getItem() != null
                && item.test(((TableRow<?>) n).getItem())).query();
        robot.clickOn(cell);
    }

    @Test
    void anAdminAddsAndRemovesRoutingRulesAndPricesAndSavesThem(FxRobot robot) {
        EngineShell.go(robot, "#navSettings", "#routing");
        List<RouteRow> rows = robot.lookup("#routing").<RouteRow>queryTableView().getItems();
        // 4 rules of the user's, and the built-in routes none of them replaces (simple, medium, complex)
        EngineShell.waitUntil(() -> rows.size() == 7);
        assertThat(rows).filteredOn(RouteRow::builtIn).extracting(r -> r.rule().target())
                .containsExactly("Complexity: simple", "Complexity: medium", "Complexity: complex");

        // a built-in row cannot be removed; selecting it fills the editor, and a change becomes the user's rule
        EngineShell.scrollTo(robot, "#routing");
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("simple"));
        assertThat(robot.lookup("#removeRule").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#ruleModel").queryAs(TextField.class).getText()).isEqualTo("claude-haiku-4-5");
        TextField model = robot.lookup("#ruleModel").queryAs(TextField.class);
        robot.interact(() -> model.setText("claude-sonnet-4-6"));
        robot.clickOn("#putRule");
        EngineShell.waitUntil(() -> rows.stream().anyMatch(r -> r.rule().value().equals("simple") && !r.builtIn()
                && r.rule().model().equals("claude-sonnet-4-6")));
        assertThat(rows).hasSize(7);

        // a rule: complex tasks -> Opus
        EngineShell.scrollTo(robot, "#routing");
        ChoiceBox<RoutingRule.Scope> scope = robot.lookup("#ruleScope").queryAs(ChoiceBox.class);
        robot.interact(() -> scope.setValue(RoutingRule.Scope.COMPLEXITY));
        robot.clickOn("#ruleValue").write("complex");
        robot.clickOn("#ruleModel").write("claude-opus-4-5");
        robot.clickOn("#putRule");
        EngineShell.waitUntil(() -> rows.stream().anyMatch(r -> r.rule().value().equals("complex") && !r.builtIn()));
        assertThat(rows).hasSize(7).noneMatch(r -> r.builtIn() && r.rule().value().equals("complex"));
        assertThat(EngineShell.text(robot, "#message")).startsWith("Rule added: Complexity: complex → claude-opus-4-5.");

        // an empty model is refused, naming the field
        robot.interact(() -> scope.setValue(RoutingRule.Scope.TASK_TYPE));
        robot.clickOn("#ruleValue").write("review");
        robot.clickOn("#putRule");
        assertThat(EngineShell.text(robot, "#message")).isEqualTo("Model: name the model, e.g. claude-sonnet-4-6.");

        // a price, then a negative one refused
        EngineShell.scrollTo(robot, "#priceModelField");
        robot.clickOn("#priceModelField").write("my-local-model");
        robot.clickOn("#priceInputField").write("0.25");
        robot.clickOn("#priceOutputField").write("1.5");
        robot.clickOn("#putPrice");
        EngineShell.waitUntil(() -> robot.lookup("#prices").<PriceRow>queryTableView().getItems().stream()
                .anyMatch(p -> p.model().equals("my-local-model")));
        robot.clickOn("#priceModelField").write("other");
        robot.clickOn("#priceInputField").write("-2");
        robot.clickOn("#priceOutputField").write("1");
        robot.clickOn("#putPrice");
        assertThat(EngineShell.text(robot, "#message")).startsWith("Input price: enter US dollars per million tokens, 0 or more");
        EngineShell.scrollTo(robot, "#routing");
        Screenshots.save(stage.getScene(), "28-settings-routing-prices");

        // remove the "research" rule: cancelled once, then confirmed
        EngineShell.scrollTo(robot, "#routing");
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("research"));
        robot.clickOn("#removeRule");
        EngineShell.clickDialogButton(robot, "Cancel");
        assertThat(rows).hasSize(7);
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("research"));
        robot.clickOn("#removeRule");
        EngineShell.clickDialogButton(robot, "Remove");
        EngineShell.waitUntil(() -> rows.size() == 6);

        // remove the stored proxy price after confirming (a shipped price, e.g. claude-haiku-4-5's, is listed too)
        EngineShell.scrollTo(robot, "#prices");
        List<PriceRow> prices = robot.lookup("#prices").<PriceRow>queryTableView().getItems();
        assertThat(prices).contains(PROXY_PRICE).anyMatch(p -> p.model().equals("claude-haiku-4-5"));
        clickRow(robot, "#prices", p -> ((PriceRow) p).model().equals(PROXY_PRICE.model()));
        robot.clickOn("#removePrice");
        EngineShell.clickDialogButton(robot, "Remove");
        EngineShell.waitUntil(() -> prices.stream().noneMatch(p -> p.model().equals(PROXY_PRICE.model())));

        assertThat(savedRules()).anyMatch(r -> r.value().equals("research")); // nothing saved yet
        robot.clickOn("#save");
        EngineShell.waitUntil(() -> EngineShell.text(robot, "#message").equals("Settings saved."));
        assertThat(savedRules()).contains(new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", "claude-opus-4-5"),
                        new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "anthropic", "claude-sonnet-4-6"))
                .noneMatch(r -> r.value().equals("research"));
        assertThat(savedPrices()).contains(new PriceRow("my-local-model", 250_000, 1_500_000))
                .noneMatch(p -> p.model().equals(PROXY_PRICE.model()) || p.model().equals("other"));
        Screenshots.save(stage.getScene(), "29-settings-saved");
    }
}
