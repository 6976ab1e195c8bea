package org.orchestration.ui.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.ui.settings.RouteRow;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Settings, clicked through on the demo backend: add and remove routing rules and prices, with validation and confirmation. */
@ExtendWith(ApplicationExtension.class)
class SettingsFlowTest {

    private DemoShell app;
    private DemoBackend backend;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        backend = new DemoBackend().firstRunDone();
        app = DemoShell.show(stage, backend);
    }

    @AfterEach
    void tearDown() throws Exception {
        app.close();
    }

    private List<RoutingRule> savedRules() {
        return backend.load(backend.localUser()).routing();
    }

    private List<PriceRow> savedPrices() {
        return backend.load(backend.localUser()).prices();
    }

    /** Scrolls the table to the row whose item matches, then clicks that row. */
    private static void clickRow(FxRobot robot, String table, Predicate<Object> item) {
        javafx.scene.control.TableView<?> view = robot.lookup(table).queryTableView();
        int index = -1;
        for (int i = 0; i < view.getItems().size(); i++) {
            if (item.test(view.getItems().get(i))) {
                index = i;
            }
        }
        int row = index;
        robot.interact(() -> view.scrollTo(row));
        Node cell = robot.lookup(table + " .table-row-cell").match(n -> ((javafx.scene.control.TableRow<?>) n).getItem() != null
                && item.test(((javafx.scene.control.TableRow<?>) n).getItem())).query();
        robot.clickOn(cell);
    }

    @Test
    void anAdminAddsAndRemovesRoutingRulesAndPricesAndSavesThem(FxRobot robot) {
        DemoShell.go(robot, "#navSettings", "#routing");
        List<RouteRow> rows = robot.lookup("#routing").<RouteRow>queryTableView().getItems();
        // 4 rules of the user's, and the built-in routes none of them replaces (simple, medium, complex)
        DemoShell.waitUntil(() -> rows.size() == 7);
        assertThat(rows).filteredOn(RouteRow::builtIn).extracting(r -> r.rule().target())
                .containsExactly("Complexity: simple", "Complexity: medium", "Complexity: complex");

        // a built-in row cannot be removed; selecting it fills the editor, and a change becomes the user's rule
        DemoShell.scrollTo(robot, "#routing");
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("simple"));
        assertThat(robot.lookup("#removeRule").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#ruleModel").queryAs(javafx.scene.control.TextField.class).getText()).isEqualTo("claude-haiku-4-5");
        javafx.scene.control.TextField model = robot.lookup("#ruleModel").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> model.setText("claude-sonnet-4-6"));
        robot.clickOn("#putRule");
        DemoShell.waitUntil(() -> rows.stream().anyMatch(r -> r.rule().value().equals("simple") && !r.builtIn()
                && r.rule().model().equals("claude-sonnet-4-6")));
        assertThat(rows).hasSize(7);

        // a rule: complex tasks -> Opus
        DemoShell.scrollTo(robot, "#routing");
        ChoiceBox<RoutingRule.Scope> scope = robot.lookup("#ruleScope").queryAs(ChoiceBox.class);
        robot.interact(() -> scope.setValue(RoutingRule.Scope.COMPLEXITY));
        robot.clickOn("#ruleValue").write("complex");
        robot.clickOn("#ruleModel").write("claude-opus-4-5");
        robot.clickOn("#putRule");
        DemoShell.waitUntil(() -> rows.stream().anyMatch(r -> r.rule().value().equals("complex") && !r.builtIn()));
        assertThat(rows).hasSize(7).noneMatch(r -> r.builtIn() && r.rule().value().equals("complex"));
        assertThat(DemoShell.text(robot, "#message")).startsWith("Rule added: Complexity: complex → claude-opus-4-5.");

        // an empty model is refused, naming the field
        robot.interact(() -> scope.setValue(RoutingRule.Scope.TASK_TYPE));
        robot.clickOn("#ruleValue").write("review");
        robot.clickOn("#putRule");
        assertThat(DemoShell.text(robot, "#message")).isEqualTo("Model: name the model, e.g. claude-sonnet-4-6.");

        // a price, then a negative one refused
        DemoShell.scrollTo(robot, "#priceModelField");
        robot.clickOn("#priceModelField").write("my-local-model");
        robot.clickOn("#priceInputField").write("0.25");
        robot.clickOn("#priceOutputField").write("1.5");
        robot.clickOn("#putPrice");
        DemoShell.waitUntil(() -> robot.lookup("#prices").<PriceRow>queryTableView().getItems().stream()
                .anyMatch(p -> p.model().equals("my-local-model")));
        robot.clickOn("#priceModelField").write("other");
        robot.clickOn("#priceInputField").write("-2");
        robot.clickOn("#priceOutputField").write("1");
        robot.clickOn("#putPrice");
        assertThat(DemoShell.text(robot, "#message")).startsWith("Input price: enter US dollars per million tokens, 0 or more");
        DemoShell.scrollTo(robot, "#routing");
        Screenshots.save(stage.getScene(), "28-settings-routing-prices");

        // remove the "research" rule: cancelled once, then confirmed
        DemoShell.scrollTo(robot, "#routing");
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("research"));
        robot.clickOn("#removeRule");
        DemoShell.clickDialogButton(robot, "Cancel");
        assertThat(rows).hasSize(7);
        clickRow(robot, "#routing", r -> ((RouteRow) r).rule().value().equals("research"));
        robot.clickOn("#removeRule");
        DemoShell.clickDialogButton(robot, "Remove");
        DemoShell.waitUntil(() -> rows.size() == 6);

        // remove the haiku price after confirming
        DemoShell.scrollTo(robot, "#prices");
        List<PriceRow> prices = robot.lookup("#prices").<PriceRow>queryTableView().getItems();
        clickRow(robot, "#prices", p -> ((PriceRow) p).model().equals("claude-haiku-4-5"));
        robot.clickOn("#removePrice");
        DemoShell.clickDialogButton(robot, "Remove");
        DemoShell.waitUntil(() -> prices.stream().noneMatch(p -> p.model().equals("claude-haiku-4-5")));

        assertThat(savedRules()).anyMatch(r -> r.value().equals("research")); // nothing saved yet
        robot.clickOn("#save");
        DemoShell.waitUntil(() -> DemoShell.text(robot, "#message").equals("Settings saved."));
        assertThat(savedRules()).contains(new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", "claude-opus-4-5"),
                        new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "anthropic", "claude-sonnet-4-6"))
                .noneMatch(r -> r.value().equals("research"));
        assertThat(savedPrices()).contains(new PriceRow("my-local-model", 250_000, 1_500_000))
                .noneMatch(p -> p.model().equals("claude-haiku-4-5") || p.model().equals("other"));
        Screenshots.save(stage.getScene(), "29-settings-saved");
    }
}
