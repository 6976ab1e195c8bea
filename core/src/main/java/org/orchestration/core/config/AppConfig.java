package org.orchestration.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start-up configuration: read once from {@code config.json} in the OS config folder,
 * overridden by environment variables and command-line flags, then never changed while the app
 * runs. Values that a user edits at run time (budget limits, concurrency, routing, prices) live in
 * the {@code settings} table instead and are read at the point of use ({@link SettingsStore}).
 *
 * @param dataDir where the database, logs, workspaces and the generated secret live
 */
public record AppConfig(
        Path dataDir,
        Auth auth,
        Anthropic anthropic,
        Ollama ollama,
        ComfyUi comfyui,
        Execution execution,
        Budget budget,
        Api api,
        Files files,
        Rag rag,
        Monitor monitor,
        Planning planning,
        Ui ui) {

    /** Minimum length of the token-signing secret. */
    public static final int MIN_SECRET_LENGTH = 32;

    public enum AuthMode { SINGLE, MULTI }

    public record Auth(AuthMode mode, String secretKey, Duration accessTokenTtl, Duration refreshTokenTtl,
                       Duration sseTokenTtl, boolean registrationOpen) {
    }

    public record Anthropic(Optional<String> apiKey, String baseUrl, Duration timeout) {
    }

    public record Ollama(String host, Duration generationTimeout, Duration embeddingTimeout, Duration healthTimeout) {
    }

    public record ComfyUi(String url, String checkpoint, Duration promptTimeout, Duration generationTimeout) {
    }

    public record Execution(int concurrency, int maxTaskRetries, int maxAutoRetries, int maxToolRounds,
                            boolean resumeOnStart, Duration shutdownTimeout) {
    }

    /** Default limits in USD, copied into settings on first run; admins change them there. */
    public record Budget(double dailyLimitUsd, double monthlyLimitUsd) {
    }

    /**
     * @param maxStreamsPerUser open event streams one account may hold (the next gets 429)
     * @param maxStreams        open event streams the whole server holds (the next gets 503)
     */
    public record Api(boolean enabled, int port, List<String> corsOrigins, int maxSubscribersPerProject,
                      int maxStreamsPerUser, int maxStreams) {
    }

    public record Files(long maxFileBytes) {
    }

    public record Rag(String embeddingProvider, String ollamaEmbeddingModel) {
    }

    public record Monitor(Duration interval, Duration checkTimeout) {
    }

    public record Planning(int maxTasks, int maxRequirementsChars) {
        /** {@code planning.max_requirements_chars} when config.json does not set it. */
        public static final int DEFAULT_MAX_REQUIREMENTS_CHARS = 50_000;
    }

    public record Ui(String theme, boolean closeToTray) {
    }

    /** Where the SQLite file lives. */
    public Path databaseFile() {
        return dataDir.resolve("engine.db");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path workspacesDir() {
        return dataDir.resolve("workspaces");
    }

    /**
     * Checks what start-up cannot do without. Throws {@link ConfigException} with a one-line
     * message naming the bad key; returns warnings (e.g. no Anthropic key) that do not stop start.
     */
    public List<String> validate() {
        List<String> warnings = new ArrayList<>();
        if (auth.secretKey() == null || auth.secretKey().isBlank()) {
            throw new ConfigException("auth.secret_key is missing");
        }
        if (auth.secretKey().length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("auth.secret_key is too short (" + auth.secretKey().length()
                    + " characters; at least " + MIN_SECRET_LENGTH + " are needed)");
        }
        requirePositive("execution.concurrency", execution.concurrency());
        requireRange("execution.concurrency", execution.concurrency(), 1, 64);
        requireRange("execution.max_task_retries", execution.maxTaskRetries(), 0, 100);
        requireRange("execution.max_auto_retries", execution.maxAutoRetries(), 0, 100);
        requireRange("execution.max_tool_rounds", execution.maxToolRounds(), 1, 100);
        requireRange("api.port", api.port(), 0, 65535);
        requireRange("api.max_subscribers_per_project", api.maxSubscribersPerProject(), 1, 1000);
        requireRange("api.max_streams", api.maxStreams(), 1, 10_000);
        requireRange("api.max_streams_per_user", api.maxStreamsPerUser(), 1, api.maxStreams());
        if (budget.dailyLimitUsd() < 0) {
            throw new ConfigException("budget.daily_limit_usd must not be negative");
        }
        if (budget.monthlyLimitUsd() < 0) {
            throw new ConfigException("budget.monthly_limit_usd must not be negative");
        }
        requirePositive("files.max_file_bytes", files.maxFileBytes());
        requireRange("planning.max_tasks", planning.maxTasks(), 1, 10_000);
        requireUrl("anthropic.base_url", anthropic.baseUrl());
        requireUrl("ollama.host", ollama.host());
        requireUrl("comfyui.url", comfyui.url());
        if (!List.of("inprocess", "ollama").contains(rag.embeddingProvider())) {
            throw new ConfigException("rag.embedding_provider must be \"inprocess\" or \"ollama\"");
        }
        if (!List.of("system", "light", "dark").contains(ui.theme())) {
            throw new ConfigException("ui.theme must be \"system\", \"light\" or \"dark\"");
        }
        if (anthropic.apiKey().isEmpty()) {
            warnings.add("No Anthropic API key is set (anthropic.api_key or ANTHROPIC_API_KEY): "
                    + "Claude models are unavailable; Ollama and Simulated mode still work.");
        }
        return warnings;
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + " must be greater than 0");
        }
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + " (was " + value + ")");
        }
    }

    private static void requireUrl(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new ConfigException(key + " must be an http(s) URL (was \"" + value + "\")");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " must be an http(s) URL (was \"" + value + "\")");
        }
    }
}
