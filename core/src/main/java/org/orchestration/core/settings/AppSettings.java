package org.orchestration.core.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * The application's settings as Settings shows and saves them ({@link AppSettingsService}).
 * {@code anthropicKeyMasked} is display-only (e.g. "sk-ant-…3f2a"); to change the key,
 * {@link AppSettingsService#setAnthropicKey} is used. {@code routing} holds the stored routing rules;
 * {@code builtInRouting} the engine's built-in routes (planning, each complexity, task type "local"), which apply
 * where no stored rule has the same target (display-only); {@code prices} the models' prices in micro-dollars per
 * million tokens.
 */
public record AppSettings(String anthropicKeyMasked, String ollamaUrl, boolean simulated,
                          List<RoutingRule> routing, List<RoutingRule> builtInRouting, List<PriceRow> prices,
                          long dailyBudgetMicros, long monthlyBudgetMicros, long projectBudgetMicros,
                          int concurrency, int maxAttempts, boolean apiEnabled, int apiPort,
                          boolean closeToTray, Path dataFolder, Path logFolder) {

    public AppSettings {
        routing = List.copyOf(routing);
        builtInRouting = List.copyOf(builtInRouting);
        prices = List.copyOf(prices);
    }

    /** The loopback API's address for this port. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }
}
