package org.orchestration.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.api.ApiSwitch;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.User;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.llm.StoredKeyAnthropicProvider;
import org.orchestration.core.projects.ProjectService;
import org.orchestration.core.testing.TestEngine;

/**
 * The application's settings on the real engine: routing rules and prices saved here are what the
 * router and the price table use, the overlap with {@code /api/settings} is one model, and every
 * refusal names its field.
 */
class AppSettingsServiceTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static SettingsService runtime;
    static AppSettingsService settings;
    static User admin;

    @BeforeAll
    static void start() {
        engine = TestEngine.start(dir);
        EngineServices s = engine.services();
        runtime = new SettingsService(engine.db, s.settings(), s.config().execution(), s.executor()::setConcurrency,
                s.knowledgeRoots());
        ApiSwitch api = new ApiSwitch(s.settings(), port -> {
            throw new StartupException(StartupException.OTHER, "Port " + port + " is in use.");
        });
        settings = new AppSettingsService(s.config(), s.settings(), runtime, s.budget(), s.router(),
                new PriceTable(s.settings(), s.router()), api);
        admin = engine.owner();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void liveRoutesWithNothingStored() {
        engine.settings.put(ModelRouter.MODE_KEY, "live"); // routes are then read from the table
        engine.settings.remove(ModelRouter.ROUTING_KEY);
        engine.settings.remove(Pricing.OVERRIDES_KEY);
        engine.settings.remove(ModelRouter.LOCAL_MODEL_KEY);
    }

    private static AppSettings with(AppSettings a, List<RoutingRule> rules, List<PriceRow> prices) {
        return new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), rules, a.builtInRouting(), prices,
                a.dailyBudgetMicros(), a.monthlyBudgetMicros(), a.projectBudgetMicros(), a.concurrency(), a.maxAttempts(),
                a.apiEnabled(), a.apiPort(), a.closeToTray(), a.dataFolder(), a.logFolder());
    }

    private static AppSettings withNumbers(AppSettings a, long daily, long monthly, long project, int concurrency, int attempts,
                                           int apiPort) {
        return new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), a.routing(), a.builtInRouting(), a.prices(),
                daily, monthly, project, concurrency, attempts, false, apiPort, a.closeToTray(), a.dataFolder(), a.logFolder());
    }

    @Test
    void rulesAndPricesSavedAreWhatTheRouterAndThePriceTableUse() {
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
        assertThat(engine.settings.get(Pricing.OVERRIDES_KEY, Map.class)).isEmpty();
    }

    @Test
    void theBuiltInRoutesShownAreTheRoutersAndAreNeverStoredAsRules() {
        engine.settings.put(ModelRouter.LOCAL_MODEL_KEY, "qwen2.5:7b");
        ModelRouter router = engine.services().router();
        AppSettings loaded = settings.load(admin);
        assertThat(loaded.builtInRouting()).containsExactly(
                new RoutingRule(RoutingRule.Scope.PLANNING, "", "anthropic", router.forPlanning().model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "simple", "anthropic", router.forTask("code", "simple").model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "medium", "anthropic", router.forTask("code", "medium").model()),
                new RoutingRule(RoutingRule.Scope.COMPLEXITY, "complex", "anthropic", router.forTask("code", "complex").model()),
                new RoutingRule(RoutingRule.Scope.TASK_TYPE, "local", "ollama", "qwen2.5:7b"));

        settings.save(admin, loaded);

        assertThat(settings.load(admin).routing()).isEmpty();
        assertThat(engine.settings.get(ModelRouter.ROUTING_KEY, JsonNode.class).map(JsonNode::size).orElse(0)).isZero();
    }

    @Test
    void aShippedPriceLeftUnchangedIsNotStoredAsAnOverride() {
        settings.save(admin, settings.load(admin));
        assertThat(engine.settings.get(Pricing.OVERRIDES_KEY, Map.class)).isEmpty();
        assertThat(settings.load(admin).prices()).extracting(PriceRow::model).contains("claude-sonnet-4-6");
    }

    @Test
    void aStoredPriceKeepsItsCachePricesWhenItsMainPricesChange() {
        engine.settings.put(Pricing.OVERRIDES_KEY, Json.mapper().createObjectNode().set("my-model",
                Json.mapper().createObjectNode().put("input", 1).put("output", 2).put("cache_read", 0.1)));
        AppSettings loaded = settings.load(admin);
        assertThat(loaded.prices()).contains(new PriceRow("my-model", 1_000_000, 2_000_000));

        settings.save(admin, with(loaded, loaded.routing(), List.of(new PriceRow("my-model", 3_000_000, 4_000_000))));

        JsonNode stored = engine.settings.get(Pricing.OVERRIDES_KEY, JsonNode.class).orElseThrow().get("my-model");
        assertThat(stored.get("input").decimalValue()).isEqualByComparingTo("3");
        assertThat(stored.get("cache_read").decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void aNegativePriceIsRefusedNamingTheFieldAndNothingIsWritten() {
        AppSettings bad = with(settings.load(admin),
                List.of(new RoutingRule(RoutingRule.Scope.TASK_TYPE, "research", "anthropic", "claude-opus-4-5")),
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
    void onlyAnAdminMaySaveAndOnlyASignedInUserMayLoad() {
        User user = engine.user(Role.USER);
        AppSettings loaded = settings.load(user);
        assertThatThrownBy(() -> settings.save(user, loaded)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> settings.setAnthropicKey(user, "sk-ant-api03-abcdefghijkl")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> settings.load(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void concurrencyAndRetriesSavedHereAreWhatTheApiReadsAndTheOtherWayRound() {
        AppSettings before = settings.load(admin);
        settings.save(admin, withNumbers(before, before.dailyBudgetMicros(), before.monthlyBudgetMicros(), 0, 3, 4, 8765));

        RuntimeSettings api = runtime.get(admin);
        assertThat(api.concurrency()).isEqualTo(3);
        assertThat(api.maxAutoRetries()).isEqualTo(3); // 4 attempts = 1 + 3 automatic retries
        assertThat(engine.services().executor().concurrency()).isEqualTo(3);

        runtime.update(admin, new SettingsPatch(5, null, 1, null, null));
        AppSettings after = settings.load(admin);
        assertThat(after.concurrency()).isEqualTo(5);
        assertThat(after.maxAttempts()).isEqualTo(2);
    }

    @Test
    void budgetsAndTheDefaultProjectBudgetAreStoredWhereTheEngineReadsThem() {
        AppSettings before = settings.load(admin);
        settings.save(admin, withNumbers(before, 7_000_000, 70_000_000, 1_500_000, before.concurrency(), before.maxAttempts(), 8765));

        assertThat(engine.services().budget().limits().dailyMicros()).isEqualTo(7_000_000);
        assertThat(engine.services().budget().limits().monthlyMicros()).isEqualTo(70_000_000);
        assertThat(engine.services().projects().defaultBudgetMicros()).isEqualTo(1_500_000);
        assertThat(engine.settings.get(ProjectService.DEFAULT_BUDGET_KEY, Long.class)).contains(1_500_000L);
    }

    @Test
    void everyBadNumberIsRefusedNamingItsField() {
        AppSettings a = settings.load(admin);
        assertField(withNumbers(a, 0, a.monthlyBudgetMicros(), 0, a.concurrency(), a.maxAttempts(), 8765), "dailyBudgetMicros");
        assertField(withNumbers(a, a.dailyBudgetMicros(), -5, 0, a.concurrency(), a.maxAttempts(), 8765), "monthlyBudgetMicros");
        assertField(withNumbers(a, a.dailyBudgetMicros(), a.monthlyBudgetMicros(), -1, a.concurrency(), a.maxAttempts(), 8765),
                "projectBudgetMicros");
        assertField(withNumbers(a, a.dailyBudgetMicros(), a.monthlyBudgetMicros(), 0, a.concurrency(), 0, 8765), "maxAttempts");
        assertField(withNumbers(a, a.dailyBudgetMicros(), a.monthlyBudgetMicros(), 0, 0, a.maxAttempts(), 8765), "concurrency");
        assertField(withNumbers(a, a.dailyBudgetMicros(), a.monthlyBudgetMicros(), 0, a.concurrency(), a.maxAttempts(), 80), "apiPort");
        assertThat(settings.load(admin)).isEqualTo(a);
    }

    private static void assertField(AppSettings bad, String field) {
        assertThatThrownBy(() -> settings.save(admin, bad)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).contains(field));
    }

    @Test
    void aPortTheApiCannotStartOnIsRefusedNamingApiPortAfterTheRestIsSaved() {
        AppSettings a = settings.load(admin);
        AppSettings on = new AppSettings(a.anthropicKeyMasked(), a.ollamaUrl(), a.simulated(), a.routing(), a.builtInRouting(),
                a.prices(), a.dailyBudgetMicros(), a.monthlyBudgetMicros(), 2_000_000, a.concurrency(), a.maxAttempts(), true, 9999,
                a.closeToTray(), a.dataFolder(), a.logFolder());

        assertThatThrownBy(() -> settings.save(admin, on)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).contains("apiPort"));
        assertThat(settings.load(admin).apiEnabled()).isFalse();
        assertThat(engine.settings.get(ApiSwitch.ENABLED_KEY, Boolean.class).orElse(false)).isFalse();
        assertThat(settings.load(admin).projectBudgetMicros()).isEqualTo(2_000_000);
    }

    @Test
    void theAnthropicKeyIsStoredShownMaskedAndRemovedWhenBlank() {
        settings.setAnthropicKey(admin, " sk-ant-api03-abcdefghijkl ");
        assertThat(engine.settings.get(StoredKeyAnthropicProvider.KEY_SETTING, String.class)).contains("sk-ant-api03-abcdefghijkl");
        assertThat(settings.load(admin).anthropicKeyMasked()).isEqualTo("sk-ant-…ijkl");

        settings.setAnthropicKey(admin, "  ");
        assertThat(engine.settings.get(StoredKeyAnthropicProvider.KEY_SETTING, String.class)).isEmpty();
        assertThat(AppSettingsService.mask("short")).isEqualTo("••••");
        assertThat(AppSettingsService.mask(null)).isEmpty();
    }

    @Test
    void aNewOllamaAddressIsStoredForTheNextStartAndAppliedToTheConfigurationThen() {
        AppSettings a = settings.load(admin);
        settings.save(admin, new AppSettings(a.anthropicKeyMasked(), " http://10.0.0.5:11434 ", a.simulated(), a.routing(),
                a.builtInRouting(), a.prices(), a.dailyBudgetMicros(), a.monthlyBudgetMicros(), a.projectBudgetMicros(),
                a.concurrency(), a.maxAttempts(), false, a.apiPort(), true, a.dataFolder(), a.logFolder()));

        assertThat(settings.load(admin).ollamaUrl()).isEqualTo("http://10.0.0.5:11434");
        assertThat(settings.load(admin).closeToTray()).isTrue();
        assertThat(OllamaHostSetting.applyTo(engine.config, engine.settings).ollama().host()).isEqualTo("http://10.0.0.5:11434");
        assertThat(engine.config.ollama().host()).isNotEqualTo("http://10.0.0.5:11434"); // the running engine keeps its address
    }

    @Test
    void knowledgeRootsAreTheSettingsServicesList(@TempDir Path folder) {
        assertThat(settings.saveKnowledgeRoots(admin, List.of(folder))).containsExactly(folder.toAbsolutePath());
        assertThat(runtime.get(admin).knowledgeAllowedRoots()).containsExactly(folder.toAbsolutePath().toString());
        assertThat(settings.knowledgeRoots(engine.user(Role.USER))).containsExactly(folder.toAbsolutePath());
        assertThatThrownBy(() -> settings.saveKnowledgeRoots(engine.user(Role.USER), List.of())).isInstanceOf(ForbiddenException.class);
    }
}
