package org.orchestration.core.execution;

import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;

/**
 * Runtime execution settings, read at the point of use from the {@code settings} table with the
 * start-up configuration as defaults.
 */
final class ExecutionSettings {

    static final String CONCURRENCY = "execution.concurrency";
    static final String MAX_TASK_RETRIES = "execution.max_task_retries";
    static final String MAX_AUTO_RETRIES = "execution.max_auto_retries";
    static final String MAX_TOOL_ROUNDS = "execution.max_tool_rounds";
    static final String RESUME_ON_START = "execution.resume_on_start";
    /** First automatic retry delay in ms (then doubling); mainly for tests and benchmarks. */
    static final String RETRY_BASE_MS = "execution.retry_base_ms";
    static final int MAX_CONCURRENCY = 64;

    private final SettingsStore settings;
    private final AppConfig.Execution defaults;

    ExecutionSettings(SettingsStore settings, AppConfig.Execution defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    int concurrency() {
        return Math.max(1, Math.min(MAX_CONCURRENCY, settings.get(CONCURRENCY, Integer.class, defaults.concurrency())));
    }

    int maxTaskRetries() {
        return settings.get(MAX_TASK_RETRIES, Integer.class, defaults.maxTaskRetries());
    }

    int maxAutoRetries() {
        return settings.get(MAX_AUTO_RETRIES, Integer.class, defaults.maxAutoRetries());
    }

    int maxToolRounds() {
        return Math.max(1, settings.get(MAX_TOOL_ROUNDS, Integer.class, defaults.maxToolRounds()));
    }

    long retryBaseMillis() {
        return Math.max(1, settings.get(RETRY_BASE_MS, Long.class, Backoff.BASE.toMillis()));
    }

    boolean resumeOnStart() {
        return settings.get(RESUME_ON_START, Boolean.class, defaults.resumeOnStart());
    }
}
