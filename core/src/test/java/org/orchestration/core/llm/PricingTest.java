package org.orchestration.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.testing.TestDb;
import org.slf4j.LoggerFactory;

class PricingTest {

    @TempDir
    Path dir;
    private Database db;
    private SettingsStore settings;
    private final List<ModelRoute> routes = new ArrayList<>();
    private Pricing pricing;

    @BeforeEach
    void open() {
        db = TestDb.open(dir);
        settings = new SettingsStore(db, Clock.systemUTC());
        pricing = new Pricing(settings, () -> routes);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void shippedTableHasEveryDefaultModel() {
        assertThat(Pricing.loadDefaults()).containsKeys("claude-opus-4-5", "claude-sonnet-4-5", "claude-sonnet-4-6",
                "claude-haiku-4-5", "simulated");
    }

    @Test
    void costIncludesCacheTokensExactlyInMicroDollars() {
        // Opus 4.5: input 5, output 25, cache write 6.25, cache read 0.50 USD per million tokens
        TokenUsage usage = new TokenUsage(1_000, 500, 4_000, 2_000); // input, output, cache read, cache write

        assertThat(pricing.costMicros("claude-opus-4-5", usage)).hasValue(5_000 + 12_500 + 2_000 + 12_500);
    }

    @Test
    void fractionalMicroDollarsRoundUpSoSpendIsNeverUndercounted() {
        // Haiku cache read is 0.10 USD per million: 7 tokens cost 0.7 micro-dollars
        assertThat(pricing.costMicros("claude-haiku-4-5", new TokenUsage(0, 0, 7, 0))).hasValue(1);
    }

    @Test
    void estimateUsesInputAndOutputPrices() {
        assertThat(pricing.estimateMicros("claude-sonnet-4-6", 3_000, 4_096)).hasValue(9_000 + 61_440);
    }

    @Test
    void simulatedModelCostsNothing() {
        assertThat(pricing.costMicros(SimulatedProvider.MODEL, new TokenUsage(10_000, 10_000, 0, 0))).hasValue(0);
    }

    @Test
    void unknownModelIsBlockedAndWarnedOnce() {
        Logger logger = (Logger) LoggerFactory.getLogger(Pricing.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertThat(pricing.costMicros("gpt-imaginary", new TokenUsage(1, 1, 0, 0))).isEmpty();
            assertThat(pricing.estimateMicros("gpt-imaginary", 1, 1)).isEmpty();
            assertThat(pricing.costMicros("gpt-imaginary", new TokenUsage(5, 5, 0, 0))).isEmpty();
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1)
                .first().extracting(ILoggingEvent::getFormattedMessage).asString().contains("gpt-imaginary");
    }

    @Test
    void settingsOverrideMergesOverTheShippedPrice() {
        settings.put(Pricing.OVERRIDES_KEY, Map.of("claude-haiku-4-5", Map.of("input", new BigDecimal("2"))));

        assertThat(pricing.costMicros("claude-haiku-4-5", new TokenUsage(1_000, 1_000, 0, 0))).hasValue(2_000 + 5_000);
    }

    @Test
    void settingsCanPriceANewModel() {
        settings.put(Pricing.OVERRIDES_KEY, Map.of("claude-next", Map.of("input", 10, "output", 50)));

        assertThat(pricing.costMicros("claude-next", new TokenUsage(100, 100, 0, 100))).hasValue(1_000 + 5_000 + 1_000);
    }

    @Test
    void brokenOverrideFailsClosed() {
        settings.put(Pricing.OVERRIDES_KEY, Map.of("claude-next", Map.of("output", 50)));

        assertThat(pricing.costMicros("claude-next", new TokenUsage(1, 1, 0, 0))).isEmpty();
    }

    @Test
    void modelsMarkedFreeCostNothing() {
        settings.put(Pricing.FREE_MODELS_KEY, List.of("my-local-model"));

        assertThat(pricing.costMicros("my-local-model", new TokenUsage(1_000, 1_000, 0, 0))).hasValue(0);
    }

    @Test
    void modelsRoutedToOllamaAreFreeByDefault() {
        routes.add(new ModelRoute("ollama", "llama3.2"));

        assertThat(pricing.costMicros("llama3.2", new TokenUsage(1_000, 1_000, 0, 0))).hasValue(0);
        assertThat(pricing.isFree("llama3.2")).isTrue();
    }

    @Test
    void datedModelIdsArePricedAsTheirUndatedName() {
        assertThat(pricing.costMicros("claude-sonnet-4-5-20250929", new TokenUsage(1_000, 0, 0, 0))).hasValue(3_000);
    }

    @Test
    void missingPricesReportsEveryUnpricedRoutedModel() {
        List<ModelRoute> checked = List.of(
                new ModelRoute("anthropic", "claude-sonnet-4-6"),
                new ModelRoute("anthropic", "claude-unknown-1"),
                new ModelRoute("anthropic", "claude-unknown-2"),
                new ModelRoute("ollama", "llama3.2"),
                new ModelRoute("simulated", "simulated"));

        assertThat(pricing.missingPrices(checked)).containsExactly(
                new ModelRoute("anthropic", "claude-unknown-1"), new ModelRoute("anthropic", "claude-unknown-2"));
    }
}
