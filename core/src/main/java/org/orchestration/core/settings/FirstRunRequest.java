package org.orchestration.core.settings;

/**
 * What the first-run screen collects. Blank key/URL means "not used". In multi-user mode the
 * admin account is created from {@code adminEmail}/{@code adminPassword}.
 */
public record FirstRunRequest(boolean multiUser, String adminEmail, String adminPassword, String anthropicKey,
                              String ollamaUrl, boolean simulated, long dailyBudgetMicros, long monthlyBudgetMicros) {
}
