package org.orchestration.ui.port;

import java.nio.file.Path;
import java.util.Map;

/**
 * The settings screen's values. {@code anthropicKeyMasked} is display-only (e.g. "sk-ant-…3f2a");
 * to change the key, {@link SettingsPort#setAnthropicKey} is used. Prices are per model. Budgets of 0 mean no limit.
 */
public record AppSettings(String anthropicKeyMasked, String ollamaUrl, boolean simulated,
                          String planningModel, Map<String, String> routing, java.util.List<ModelPrice> prices,
                          long dailyBudgetMicros, long monthlyBudgetMicros, long projectBudgetMicros,
                          int concurrency, int maxAttempts, boolean apiEnabled, int apiPort,
                          boolean closeToTray, Path dataFolder, Path logFolder) {

    public AppSettings {
        routing = Map.copyOf(routing);
        prices = java.util.List.copyOf(prices);
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }
}
