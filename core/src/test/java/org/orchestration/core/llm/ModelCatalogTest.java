package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.testing.TestDb;

class ModelCatalogTest {

    @TempDir
    Path dir;
    private Database db;
    private SettingsStore settings;
    private ModelCatalog catalog;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        settings = new SettingsStore(db, Clock.systemUTC());
        ModelRouter router = new ModelRouter(settings, true, () -> false);
        catalog = new ModelCatalog(new Pricing(settings, router::configuredRoutes), router::configuredRoutes);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anthropicAcceptsThePricedClaudeModelsAndDatedIdsOfThem() {
        assertThat(catalog.isUsable("anthropic", "claude-haiku-4-5")).isTrue();
        assertThat(catalog.isUsable("anthropic", "claude-haiku-4-5-20251001")).isTrue();
        assertThat(catalog.modelsFor("anthropic")).containsExactly("claude-haiku-4-5", "claude-opus-4-5", "claude-sonnet-4-5",
                "claude-sonnet-4-6");
    }

    @Test
    void anUnpricedModelTheSimulatedModelAndTheLocalModelAreNotAnthropicModels() {
        assertThat(catalog.isUsable("anthropic", "gpt-4o")).isFalse();
        assertThat(catalog.isUsable("anthropic", "simulated")).isFalse();
        assertThat(catalog.isUsable("anthropic", ModelRouter.DEFAULT_LOCAL_MODEL)).isFalse();
    }

    @Test
    void ollamaAcceptsTheRoutedLocalModelAndModelsMarkedFreeOnly() {
        assertThat(catalog.isUsable("ollama", ModelRouter.DEFAULT_LOCAL_MODEL)).isTrue();
        assertThat(catalog.isUsable("ollama", "qwen2.5:7b")).isFalse();
        assertThat(catalog.isUsable("ollama", "claude-haiku-4-5")).isFalse();

        settings.put(Pricing.FREE_MODELS_KEY, List.of("qwen2.5:7b"));

        assertThat(catalog.isUsable("ollama", "qwen2.5:7b")).isTrue();
    }

    @Test
    void simulatedAcceptsOnlyItsOwnModel() {
        assertThat(catalog.modelsFor("simulated")).containsExactly("simulated");
        assertThat(catalog.isUsable("simulated", "claude-haiku-4-5")).isFalse();
    }

    @Test
    void aPriceAddedInSettingsMakesAModelUsableAtOnce() {
        assertThat(catalog.isUsable("anthropic", "claude-next")).isFalse();

        settings.put(Pricing.OVERRIDES_KEY, Map.of("claude-next", Map.of("input", BigDecimal.ONE, "output", BigDecimal.TEN)));

        assertThat(catalog.isUsable("anthropic", "claude-next")).isTrue();
    }

    @Test
    void anUnusableModelIsAValidationErrorNamingModelTheProviderAndTheChoices() {
        assertThatThrownBy(() -> catalog.requireUsable("anthropic", "gpt-4o"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("model"))
                .hasMessageContaining("'anthropic'").hasMessageContaining("claude-haiku-4-5");
        assertThatThrownBy(() -> catalog.requireUsable(null, "claude-haiku-4-5"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no provider");
        assertThat(catalog.requireUsable("anthropic", " claude-haiku-4-5 ")).isEqualTo("claude-haiku-4-5");
    }
}
