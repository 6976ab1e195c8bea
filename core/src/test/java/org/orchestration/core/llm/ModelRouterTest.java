package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.json.Json;
import org.orchestration.core.testing.TestDb;

class ModelRouterTest {

    @TempDir
    Path dir;
    private Database db;
    private SettingsStore settings;
    private final AtomicBoolean ollamaUp = new AtomicBoolean();

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        settings = new SettingsStore(db, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ModelRouter withKey() {
        return new ModelRouter(settings, true, ollamaUp::get);
    }

    private ModelRouter withoutKey() {
        return new ModelRouter(settings, false, ollamaUp::get);
    }

    @Test
    void defaultsRouteByComplexity() {
        ModelRouter router = withKey();

        assertThat(router.forTask("code", "simple")).isEqualTo(new ModelRoute("anthropic", "claude-haiku-4-5"));
        assertThat(router.forTask("code", "medium")).isEqualTo(new ModelRoute("anthropic", "claude-sonnet-4-6"));
        assertThat(router.forTask("research", "complex")).isEqualTo(new ModelRoute("anthropic", "claude-opus-4-5"));
        assertThat(router.forTask("writing", null)).isEqualTo(new ModelRoute("anthropic", "claude-sonnet-4-6"));
        assertThat(router.forPlanning()).isEqualTo(new ModelRoute("anthropic", "claude-sonnet-4-6"));
    }

    @Test
    void theBuiltInRoutesAreWhatAnEmptyTableRoutesTo() {
        settings.put(ModelRouter.LOCAL_MODEL_KEY, "qwen2.5:7b");
        ModelRouter router = withKey();

        Map<String, ModelRoute> builtIn = router.builtInRoutes();
        assertThat(builtIn).containsOnlyKeys("planning", "simple", "medium", "complex", "local");
        assertThat(builtIn.keySet()).containsExactly("planning", "simple", "medium", "complex", "local");
        assertThat(builtIn.get("planning")).isEqualTo(router.forPlanning());
        for (String level : List.of("simple", "medium", "complex")) {
            assertThat(builtIn.get(level)).isEqualTo(router.forTask("code", level));
        }
        assertThat(builtIn.get("local")).isEqualTo(router.forTask("local", "simple")).isEqualTo(new ModelRoute("ollama", "qwen2.5:7b"));
    }

    @Test
    void localTasksGoToTheConfiguredOllamaModel() {
        settings.put(ModelRouter.LOCAL_MODEL_KEY, "qwen2.5:7b");

        assertThat(withKey().forTask("local", "complex")).isEqualTo(new ModelRoute("ollama", "qwen2.5:7b"));
    }

    @Test
    void routingSettingOverridesDefaultsPerEntryAndPerTaskType() throws Exception {
        settings.put(ModelRouter.ROUTING_KEY, Json.mapper().readTree("""
                {"complex": {"provider": "anthropic", "model": "claude-sonnet-4-5"},
                 "task_types": {"research": {"provider": "anthropic", "model": "claude-opus-4-5"}},
                 "simple": {"provider": "anthropic"}}"""));
        ModelRouter router = withKey();

        assertThat(router.forTask("code", "complex")).isEqualTo(new ModelRoute("anthropic", "claude-sonnet-4-5"));
        assertThat(router.forTask("research", "simple")).isEqualTo(new ModelRoute("anthropic", "claude-opus-4-5"));
        assertThat(router.forTask("code", "simple")).as("an incomplete entry falls back to the default")
                .isEqualTo(new ModelRoute("anthropic", "claude-haiku-4-5"));
    }

    @Test
    void simulatedModeChosenInSettingsRoutesEverythingToSimulated() {
        settings.put(ModelRouter.MODE_KEY, "simulated");
        ModelRouter router = withKey();

        assertThat(router.mode().kind()).isEqualTo(ModelRouter.ModeKind.SIMULATED);
        assertThat(router.mode().reason()).contains("chosen in settings");
        assertThat(router.forPlanning()).isEqualTo(ModelRouter.SIMULATED_ROUTE);
        assertThat(router.forTask("local", "simple")).isEqualTo(ModelRouter.SIMULATED_ROUTE);
    }

    @Test
    void withoutKeyOrOllamaTheModeIsSimulatedAndSaysWhy() {
        ModelRouter router = withoutKey();

        assertThat(router.mode().isSimulated()).isTrue();
        assertThat(router.mode().reason()).contains("No Anthropic API key").contains("no Ollama server");
        assertThat(router.forTask("code", "complex")).isEqualTo(ModelRouter.SIMULATED_ROUTE);
    }

    @Test
    void aConfiguredKeyIsNeverReplacedBySimulation() {
        ModelRouter router = withKey();

        assertThat(router.mode().kind()).isEqualTo(ModelRouter.ModeKind.LIVE);
        assertThat(router.forTask("code", "simple").provider()).isEqualTo("anthropic");
    }

    @Test
    void withoutKeyButWithOllamaEverythingRunsLocally() {
        ollamaUp.set(true);
        ModelRouter router = withoutKey();

        assertThat(router.mode().kind()).isEqualTo(ModelRouter.ModeKind.LOCAL_ONLY);
        assertThat(router.forPlanning()).isEqualTo(new ModelRoute("ollama", ModelRouter.DEFAULT_LOCAL_MODEL));
        assertThat(router.forTask("code", "complex").provider()).isEqualTo("ollama");
    }

    @Test
    void anOllamaHiccupDoesNotTurnLocalWorkIntoSimulatedWork() {
        ollamaUp.set(true);
        ModelRouter router = withoutKey();
        router.mode();

        ollamaUp.set(false);

        assertThat(router.mode().kind()).isEqualTo(ModelRouter.ModeKind.LOCAL_ONLY);
    }

    @Test
    void configuredRoutesListEveryRouteForPriceValidation() {
        settings.put(ModelRouter.ROUTING_KEY, Map.of("task_types", Map.of("code", Map.of("provider", "anthropic", "model", "claude-x"))));

        assertThat(withKey().configuredRoutes()).contains(
                new ModelRoute("anthropic", "claude-sonnet-4-6"),
                new ModelRoute("anthropic", "claude-haiku-4-5"),
                new ModelRoute("anthropic", "claude-opus-4-5"),
                new ModelRoute("ollama", ModelRouter.DEFAULT_LOCAL_MODEL),
                new ModelRoute("anthropic", "claude-x"),
                ModelRouter.SIMULATED_ROUTE);
    }

    @Test
    void everyDefaultRouteHasAPrice() {
        ModelRouter router = withKey();
        Pricing pricing = new Pricing(settings, router::configuredRoutes);

        assertThat(pricing.missingPrices(router.configuredRoutes())).isEmpty();
    }
}
