package org.orchestration.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orchestration.ui.common.ErrorFunnel;
import org.orchestration.ui.common.Session;
import org.orchestration.ui.demo.DemoBackend;
import org.orchestration.core.settings.FirstRunRequest;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;
import org.orchestration.core.settings.ThemeChoice;
import org.orchestration.ui.testing.Stubs;

class SettingsViewModelTest {

    private final DemoBackend backend = Stubs.backend();
    private final Session session = Stubs.signedIn(backend);
    private final List<ThemeChoice> applied = new ArrayList<>();
    private final SettingsViewModel vm = new SettingsViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()),
            applied::add);

    @AfterEach
    void close() {
        backend.close();
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
        assertThat(backend.load(session.user()).dailyBudgetMicros()).isEqualTo(7_500_000);
        assertThat(vm.maskedKeyProperty().get()).isEqualTo("sk-ant-…ijkl");
        assertThat(vm.anthropicKeyProperty().get()).isEmpty();
    }

    @Test
    void aRoutingRuleIsAddedThenSavedThroughTheSettingsPort() {
        vm.load();
        vm.ruleScopeProperty().set(RoutingRule.Scope.COMPLEXITY);
        vm.ruleValueProperty().set("complex");
        vm.ruleProviderProperty().set("anthropic");
        vm.ruleModelProperty().set("claude-opus-4-5");
        assertThat(vm.putRule()).isEmpty();
        assertThat(vm.getMessage()).isEqualTo("Rule added: Complexity: complex → claude-opus-4-5. Save settings to apply it.");
        assertThat(backend.load(session.user()).routing()).noneMatch(r -> r.scope() == RoutingRule.Scope.COMPLEXITY);

        vm.save();

        assertThat(vm.getMessage()).isEqualTo("Settings saved.");
        assertThat(backend.load(session.user()).routing())
                .contains(new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", "claude-opus-4-5"));
    }

    @Test
    void theTableListsTheRulesAndEachBuiltInRouteNoRuleReplacesAndRemovingARuleBringsTheBuiltInBack() {
        vm.load();
        // the demo's rules: planning, task types code, research and local; built-ins: planning, simple, medium, complex, local
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
        assertThat(backend.load(session.user()).routing()).noneMatch(r -> r.scope() == RoutingRule.Scope.COMPLEXITY)
                .noneMatch(r -> r.scope() == RoutingRule.Scope.PLANNING);
    }

    @Test
    void withNoRulesStoredTheTableListsEveryBuiltInRoute() {
        vm.load();
        List.copyOf(vm.routes()).forEach(vm::removeRule);
        vm.save();
        SettingsViewModel fresh = new SettingsViewModel(backend, session, Stubs.directTasks(new ErrorFunnel()), applied::add);
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
        assertThat(backend.load(session.user()).routing()).filteredOn(r -> r.value().equals("code"))
                .containsExactly(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "code", "ollama", "qwen2.5-coder"));
    }

    @Test
    void aRemovedRuleIsGoneOnceSaved() {
        vm.load();
        RoutingRule research = vm.routes().stream().filter(r -> r.value().equals("research")).findFirst().orElseThrow();
        vm.removeRule(research);
        assertThat(vm.getMessage()).startsWith("Rule removed: Task type: research.");
        vm.save();
        assertThat(backend.load(session.user()).routing()).doesNotContain(research).hasSize(3);
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

        assertThat(backend.load(session.user()).prices()).extracting(PriceRow::model)
                .containsExactlyInAnyOrder("claude-haiku-4-5", "my-local-model", "simulated-1");
        assertThat(backend.load(session.user()).prices()).contains(new PriceRow("claude-haiku-4-5", 800_000, 4_000_000),
                new PriceRow("my-local-model", 250_000, 1_500_000));
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
    void aNonAdminCannotSaveAndIsToldWhy() {
        DemoBackend multi = new DemoBackend();
        multi.completeFirstRun(new FirstRunRequest(true, "admin@example.com", "correct horse battery",
                "", "", true, 5_000_000, 50_000_000));
        Session bob = new Session();
        bob.signIn(multi.register("bob@example.com", "Bob", "a long password"));
        SettingsViewModel asBob = new SettingsViewModel(multi, bob, Stubs.directTasks(new ErrorFunnel()), applied::add);
        asBob.load();
        asBob.priceModelProperty().set("m");
        asBob.priceInputProperty().set("1");
        asBob.priceOutputProperty().set("2");
        asBob.putPrice();
        asBob.save();
        assertThat(asBob.getMessage()).isEqualTo("Only an administrator can change settings.");
        assertThat(multi.load(bob.user()).prices()).noneMatch(p -> p.model().equals("m"));
        multi.close();
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
        assertThat(backend.uiPrefs().theme()).isEqualTo(ThemeChoice.DARK);
    }
}
