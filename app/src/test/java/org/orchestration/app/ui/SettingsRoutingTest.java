package org.orchestration.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.settings.AppSettings;
import org.orchestration.core.settings.AppSettingsService;
import org.orchestration.core.settings.PriceRow;
import org.orchestration.core.settings.RoutingRule;

/**
 * Routing rules and prices edited in Settings, on the real engine: saved through the settings
 * service, then what the model router and the price table use.
 */
class SettingsRoutingTest {

    @TempDir
    Path tmp;

    private RealEngine engine;
    private AppSettingsService settings;
    private User admin;

    @BeforeEach
    void setUp() {
        engine = RealEngine.start(tmp.resolve("data"));
        engine.services().settings().put(ModelRouter.MODE_KEY, "live"); // routes are then read from the table
        settings = engine.services().appSettings();
        admin = engine.owner();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private static AppSettings with(AppSettings a, List<RoutingRule> rules, List<PriceRow> prices) {
        return new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), rules, a.builtInRouting(), prices, a.dailyBudgetMicros(),
                a.monthlyBudgetMicros(), a.projectBudgetMicros(), a.concurrency(), a.maxAttempts(), a.apiEnabled(), a.apiPort(),
                a.closeToTray(), a.dataFolder(), a.logFolder());
    }

    @Test
    void rulesAndPricesSavedInSettingsAreWhatTheRouterAndThePriceTableUse() {
        AppSettings before = settings.load(admin);
        List<RoutingRule> rules = new ArrayList<>(before.routing());
        rules.add(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-opus-4-5"));
        rules.add(new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "ollama", "qwen2.5"));
        rules.add(new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", "claude-haiku-4-5"));
        List<PriceRow> prices = new ArrayList<>(before.prices());
        prices.add(new PriceRow("my-model", 500_000, 2_000_000));

        settings.save(admin, with(before, rules, prices));

        ModelRouter router = engine.services().router();
        assertThat(router.forTask("research", "medium")).isEqualTo(new ModelRoute("anthropic", "claude-opus-4-5"));
        assertThat(router.forTask("writing", "simple")).isEqualTo(new ModelRoute("ollama", "qwen2.5"));
        assertThat(router.forPlanning()).isEqualTo(new ModelRoute("anthropic", "claude-haiku-4-5"));
        assertThat(engine.services().pricing().priceOf("my-model")).hasValueSatisfying(p -> {
            assertThat(p.input()).isEqualByComparingTo(new BigDecimal("0.5"));
            assertThat(p.output()).isEqualByComparingTo(new BigDecimal("2"));
        });
        AppSettings after = settings.load(admin);
        assertThat(after.routing()).containsAll(rules.subList(rules.size() - 3, rules.size()));
        assertThat(after.prices()).contains(new PriceRow("my-model", 500_000, 2_000_000));
    }

    @Test
    void aRemovedRuleAndARemovedPriceAreGoneAndTheDefaultsApplyAgain() {
        AppSettings before = settings.load(admin);
        settings.save(admin, with(before,
                List.of(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-opus-4-5")),
                List.of(new PriceRow("my-model", 500_000, 2_000_000))));

        settings.save(admin, with(settings.load(admin), List.of(),
                settings.load(admin).prices().stream().filter(p -> !p.model().equals("my-model")).toList()));

        assertThat(settings.load(admin).routing()).isEmpty();
        assertThat(engine.services().router().forTask("research", "complex").model()).isEqualTo("claude-opus-4-5"); // the default
        assertThat(engine.services().router().forTask("research", "simple").model()).isEqualTo("claude-haiku-4-5");
        assertThat(engine.services().pricing().priceOf("my-model")).isEmpty();
        assertThat(engine.services().settings().get(Pricing.OVERRIDES_KEY, Map.class)).isEmpty();
    }

    @Test
    void theBuiltInRoutesShownAreTheRoutersAndAreNeverStoredAsRules() {
        engine.services().settings().put(ModelRouter.LOCAL_MODEL_KEY, "qwen2.5:7b");
        AppSettings loaded = settings.load(admin);
        assertThat(loaded.builtInRouting()).containsExactly(
                new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", engine.services().router().forPlanning().model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "anthropic", engine.services().router().forTask("code", "simple").model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "medium", "anthropic", engine.services().router().forTask("code", "medium").model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", engine.services().router().forTask("code", "complex").model()),
                new RoutingRule(RoutingRule.Scope.TASK_TYPE, "local", "ollama", "qwen2.5:7b"));

        settings.save(admin, loaded);

        assertThat(settings.load(admin).routing()).isEmpty();
        assertThat(engine.services().settings().get(ModelRouter.ROUTING_KEY, JsonNode.class)
                .map(JsonNode::size).orElse(0)).isZero();
    }

    @Test
    void aShippedPriceLeftUnchangedIsNotStoredAsAnOverride() {
        settings.save(admin, settings.load(admin));
        assertThat(engine.services().settings().get(Pricing.OVERRIDES_KEY, Map.class)).isEmpty();
        assertThat(settings.load(admin).prices()).extracting(PriceRow::model).contains("claude-sonnet-4-6");
    }

    @Test
    void aNegativePriceIsRefusedNamingTheFieldAndNothingIsWritten() {
        AppSettings before = settings.load(admin);
        AppSettings bad = with(before, List.of(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-opus-4-5")),
                List.of(new PriceRow("my-model", -1, 2_000_000)));

        assertThatThrownBy(() -> settings.save(admin, bad)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).contains("prices.my-model.input"));
        assertThat(settings.load(admin).routing()).isEmpty();
    }

    @Test
    void aRuleWithAnEmptyModelIsRefusedNamingTheField() {
        AppSettings bad = with(settings.load(admin),
                List.of(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", " ")), List.of());
        assertThatThrownBy(() -> settings.save(admin, bad)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).contains("model_routing.task_types.research.model"));
    }

    @Test
    void onlyAnAdminMaySaveRulesAndPrices() {
        User user = new User("u1", "u1@example.com", "U", Role.USER, true);
        assertThatThrownBy(() -> settings.save(user, settings.load(admin))).isInstanceOf(ForbiddenException.class);
    }
}
