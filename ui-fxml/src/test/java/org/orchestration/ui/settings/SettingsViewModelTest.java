package org.orchestration.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.common.UiExecutor;
import org.orchestration.ui.common.UiTasks;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.ui.testing.UiEngine;

class SettingsViewModelTest {

    @TempDir
    static Path dir;
    static UiEngine engine;
    static AppSettingsService settings;

    private final Session session = new Session();
    private final List<ThemeChoice> applied = new ArrayList<>();
    private SettingsViewModel vm;

    @BeforeAll
    static void start() {
        engine = UiEngine.start(dir);
        settings = engine.engine.services().appSettings();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /**
     * Every test starts from the same stored settings, written where the engine keeps them:
     * $5 a day and $50 a month, rules for planning and the task types code, research and local,
     * and stored prices for claude-sonnet-4-5 (below the shipped one) and simulated-1.
     */
    @BeforeEach
    void storedSettings() {
        User owner = engine.engine.owner();
        session.signIn(owner);
        engine.engine.services().budget().setLimits(owner, 5, 50);
        SettingsStore store = engine.engine.settings;
        ObjectNode routing = Json.mapper().createObjectNode();
        routing.set("planning", route("anthropic", "claude-sonnet-4-5"));
        routing.set("local", route("ollama", "llama3.1"));
        routing.set("task_types", Json.mapper().createObjectNode().<ObjectNode>set("code", route("anthropic", "claude-sonnet-4-5"))
                .set("research", route("anthropic", "claude-haiku-4-5")));
        store.put(ModelRouter.ROUTING_KEY, routing);
        ObjectNode prices = Json.mapper().createObjectNode();
        prices.set("claude-sonnet-4-5", Json.mapper().createObjectNode().put("input", 2.5).put("output", 12));
        prices.set("simulated-1", Json.mapper().createObjectNode().put("input", 3).put("output", 15));
        store.put(Pricing.OVERRIDES_KEY, prices);
        vm = viewModel(session);
    }

    private static ObjectNode route(String provider, String model) {
        return Json.mapper().createObjectNode().put("provider", provider).put("model", model);
    }

    private SettingsViewModel viewModel(Session who) {
        EngineServices s = engine.engine.services();
        return new SettingsViewModel(s.appSettings(), s.apiKeys(), s.uiPrefs(), who, new UiTasks(UiExecutor.direct(), new ErrorFunnel()),
                applied::add);
    }

    /** The price table as stored (the models with a price of their own). */
    private static List<String> storedPriceModels() {
        List<String> models = new ArrayList<>();
        engine.engine.settings.get(Pricing.OVERRIDES_KEY, JsonNode.class).orElseThrow().fieldNames().forEachRemaining(models::add);
        return models;
    }

    @Test
    void loadsTheCurrentValuesIntoTheForm() {
        vm.load();
        assertThat(vm.dailyBudgetProperty().get()).isEqualTo("5");
        assertThat(vm.apiBaseUrlProperty().get()).isEqualTo("http://127.0.0.1:8765/api");
        assertThat(vm.maskedKeyProperty().get()).isEqualTo("No key stored");
    }

    @Test
    void invalidNumbersAreRejectedBeforeSaving() {
        vm.load();
        vm.concurrencyProperty().set("0");
        vm.save();
        assertThat(vm.getMessage()).isEqualTo("Concurrency is a whole number from 1 to 32.");
        vm.concurrencyProperty().set("4");
        vm.apiPortProperty().set("80");
        assertThat(vm.validate()).isEqualTo("The API port is a number from 1024 to 65535.");
    }

    @Test
    void savingStoresTheValuesAndAKeyIsShownMasked() {
        vm.load();
        vm.dailyBudgetProperty().set("7.5");
        vm.anthropicKeyProperty().set("sk-ant-api03-abcdefghijkl");
        vm.save();
        assertThat(vm.getMessage()).isEqualTo("Settings saved.");
        assertThat(settings.load(session.user()).dailyBudgetMicros()).isEqualTo(7_500_000);
        assertThat(vm.maskedKeyProperty().get()).isEqualTo("sk-ant-…ijkl");
        assertThat(vm.anthropicKeyProperty().get()).isEmpty();
    }

    @Test
    void aRoutingRuleIsAddedThenSavedThroughTheSettingsService() {
        vm.load();
        vm.ruleScopeProperty().set(RoutingRule.Scope.COMPLEXITY);
        vm.ruleValueProperty().set("complex");
        vm.ruleProviderProperty().set("anthropic");
        vm.ruleModelProperty().set("claude-opus-4-5");
        assertThat(vm.putRule()).isEmpty();
        assertThat(vm.getMessage()).isEqualTo("Rule added: Complexity: complex → claude-opus-4-5. Save settings to apply it.");
        assertThat(settings.load(session.user()).routing()).noneMatch(r -> r.scope() == RoutingRule.Scope.COMPLEXITY);

        vm.save();

        assertThat(vm.getMessage()).isEqualTo("Settings saved.");
        assertThat(settings.load(session.user()).routing())
                .contains(new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", "claude-opus-4-5"));
    }

    @Test
    void theTableListsTheRulesAndEachBuiltInRouteNoRuleReplacesAndRemovingARuleBringsTheBuiltInBack() {
        vm.load();
        // the stored rules: planning, task types code, research and local; built-ins: planning, simple, medium, complex, local
        assertThat(vm.routeRows()).extracting(r -> r.rule().target(), RouteRow::source).containsExactly(
                Tuple.tuple("Planning", "Your rule"),
                Tuple.tuple("Complexity: simple", "Built-in"),
                Tuple.tuple("Complexity: medium", "Built-in"),
                Tuple.tuple("Complexity: complex", "Built-in"),
                Tuple.tuple("Task type: code", "Your rule"),
                Tuple.tuple("Task type: local", "Your rule"),
                Tuple.tuple("Task type: research", "Your rule"));

        RoutingRule planning = vm.routes().stream().filter(r -> r.scope() == RoutingRule.Scope.PLANNING).findFirst().orElseThrow();
        vm.removeRule(planning);
        assertThat(vm.getMessage()).isEqualTo("Rule removed: Planning. Save settings to apply; the built-in route (claude-sonnet-4-6) is used instead.");
        assertThat(vm.routeRows()).filteredOn(r -> r.rule().scope() == RoutingRule.Scope.PLANNING).singleElement()
                .satisfies(r -> assertThat(r.builtIn()).isTrue());

        RoutingRule research = vm.routes().stream().filter(r -> r.value().equals("research")).findFirst().orElseThrow();
        vm.removeRule(research);
        assertThat(vm.getMessage()).endsWith("these tasks are routed by their complexity.");
        assertThat(vm.routeRows()).hasSize(6).noneMatch(r -> r.rule().value().equals("research"));

        vm.save(); // built-in rows are shown, never saved as rules
        assertThat(settings.load(session.user()).routing()).noneMatch(r -> r.scope() == RoutingRule.Scope.COMPLEXITY)
                .noneMatch(r -> r.scope() == RoutingRule.Scope.PLANNING);
    }

    @Test
    void withNoRulesStoredTheTableListsEveryBuiltInRoute() {
        vm.load();
        List.copyOf(vm.routes()).forEach(vm::removeRule);
        vm.save();
        SettingsViewModel fresh = viewModel(session);
        fresh.load();
        assertThat(fresh.routes()).isEmpty();
        assertThat(fresh.routeRows()).hasSize(5).allMatch(RouteRow::builtIn);
    }

    @Test
    void aRuleForTheSameTargetReplacesTheOldOne() {
        vm.load();
        RoutingRule code = vm.routes().stream().filter(r -> r.value().equals("code")).findFirst().orElseThrow();
        vm.editRule(code);
        assertThat(vm.ruleModelProperty().get()).isEqualTo("claude-sonnet-4-5");
        vm.ruleProviderProperty().set("ollama");
        vm.ruleModelProperty().set("qwen2.5-coder");
        assertThat(vm.putRule()).isEmpty();
        vm.save();
        assertThat(settings.load(session.user()).routing()).filteredOn(r -> r.value().equals("code"))
                .containsExactly(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "code", "ollama", "qwen2.5-coder"));
    }

    @Test
    void aRemovedRuleIsGoneOnceSaved() {
        vm.load();
        RoutingRule research = vm.routes().stream().filter(r -> r.value().equals("research")).findFirst().orElseThrow();
        vm.removeRule(research);
        assertThat(vm.getMessage()).startsWith("Rule removed: Task type: research.");
        vm.save();
        assertThat(settings.load(session.user()).routing()).doesNotContain(research).hasSize(3);
    }

    @Test
    void aRuleWithoutAModelOrWithAnUnknownComplexityIsRefusedNamingTheField() {
        vm.load();
        int before = vm.routes().size();
        vm.ruleScopeProperty().set(RoutingRule.Scope.TASK_TYPE);
        vm.ruleValueProperty().set("research");
        vm.ruleModelProperty().set("  ");
        assertThat(vm.putRule()).isEqualTo("Model: name the model, e.g. claude-sonnet-4-6.");
        vm.ruleValueProperty().set("");
        vm.ruleModelProperty().set("m");
        assertThat(vm.putRule()).isEqualTo("Task type: name the task type, e.g. research.");
        vm.ruleScopeProperty().set(RoutingRule.Scope.COMPLEXITY);
        vm.ruleValueProperty().set("huge");
        assertThat(vm.putRule()).isEqualTo("Complexity: choose simple, medium or complex.");
        assertThat(vm.getMessage()).isEqualTo("Complexity: choose simple, medium or complex.");
        assertThat(vm.routes()).hasSize(before);
    }

    @Test
    void aPriceIsAddedChangedAndRemovedThenSaved() {
        vm.load();
        vm.priceModelProperty().set("my-local-model");
        vm.priceInputProperty().set("0.25");
        vm.priceOutputProperty().set("1.5");
        assertThat(vm.putPrice()).isEmpty();
        vm.editPrice(vm.prices().stream().filter(p -> p.model().equals("claude-haiku-4-5")).findFirst().orElseThrow());
        assertThat(vm.priceInputProperty().get()).isEqualTo("1");
        vm.priceInputProperty().set("0.8");
        vm.priceOutputProperty().set("4");
        assertThat(vm.putPrice()).isEmpty();
        vm.removePrice(vm.prices().stream().filter(p -> p.model().equals("claude-sonnet-4-5")).findFirst().orElseThrow());

        vm.save();

        assertThat(storedPriceModels()).containsExactlyInAnyOrder("claude-haiku-4-5", "my-local-model", "simulated-1");
        // a routed model without a stored price is shown at its shipped price
        assertThat(settings.load(session.user()).prices()).contains(new PriceRow("claude-haiku-4-5", 800_000, 4_000_000),
                new PriceRow("my-local-model", 250_000, 1_500_000), new PriceRow("claude-sonnet-4-5", 3_000_000, 15_000_000));
    }

    @Test
    void aNegativePriceOrAMissingModelIsRefusedNamingTheField() {
        vm.load();
        int before = vm.prices().size();
        vm.priceModelProperty().set("m");
        vm.priceInputProperty().set("-1");
        vm.priceOutputProperty().set("4");
        assertThat(vm.putPrice()).isEqualTo("Input price: enter US dollars per million tokens, 0 or more (e.g. 3 or 0.25).");
        vm.priceInputProperty().set("1");
        vm.priceOutputProperty().set("cheap");
        assertThat(vm.putPrice()).startsWith("Output price: ");
        vm.priceModelProperty().set("");
        vm.priceOutputProperty().set("2");
        assertThat(vm.putPrice()).isEqualTo("Model: name the model the price is for.");
        assertThat(vm.prices()).hasSize(before);
    }

    @Test
    void aNonAdminCannotSaveAndIsToldWhy(@TempDir Path multiDir) {
        try (UiEngine multi = UiEngine.startMultiUser(multiDir)) {
            multi.engine.services().auth().register("admin@example.com", "correct horse battery", "Admin");
            Session bob = new Session();
            bob.signIn(multi.engine.services().auth().register("bob@example.com", "a long password", "Bob"));
            EngineServices s = multi.engine.services();
            AppSettingsService multiSettings = s.appSettings();
            SettingsViewModel asBob = new SettingsViewModel(multiSettings, s.apiKeys(), s.uiPrefs(), bob,
                    new UiTasks(UiExecutor.direct(), new ErrorFunnel()), applied::add);
            asBob.load();
            asBob.priceModelProperty().set("m");
            asBob.priceInputProperty().set("1");
            asBob.priceOutputProperty().set("2");
            asBob.putPrice();
            asBob.save();
            assertThat(asBob.getMessage()).isEqualTo("Only an administrator can do this.");
            assertThat(multiSettings.load(bob.user()).prices()).noneMatch(p -> p.model().equals("m"));
        }
    }

    @Test
    void aNewPersonalApiKeyIsShownOnce() {
        vm.load();
        vm.createApiKey("laptop");
        assertThat(vm.newSecretProperty().get()).startsWith("oe_");
        assertThat(vm.apiKeys().getData()).singleElement().satisfies(k -> assertThat(k.name()).isEqualTo("laptop"));
    }

    @Test
    void choosingAThemeAppliesAndRemembersIt() {
        vm.chooseTheme(ThemeChoice.DARK);
        assertThat(applied).containsExactly(ThemeChoice.DARK);
        assertThat(engine.engine.services().uiPrefs().load().theme()).isEqualTo(ThemeChoice.DARK);
    }
}
