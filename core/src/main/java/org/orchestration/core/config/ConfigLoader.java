package org.orchestration.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.dirs.ProjectDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestration.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link AppConfig} once at start: defaults, then {@code config.json}, then environment
 * variables, then the {@code --data-dir} flag. Every type error names the key. Keys it does not
 * know are logged as warnings (a typo must not stop the app, but must not pass unnoticed).
 *
 * <p>Environment overrides: {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL} (as the
 * Anthropic SDK names them), {@code OLLAMA_HOST}, {@code OE_DATA_DIR}, {@code OE_AUTH_SECRET}.
 */
public final class ConfigLoader {

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** Known keys, for the unknown-key warning. */
    private static final Set<String> KNOWN = Set.of(
            "data_dir",
            "auth", "auth.mode", "auth.secret_key", "auth.access_token_minutes", "auth.refresh_token_days",
            "auth.sse_token_seconds", "auth.registration_open",
            "anthropic", "anthropic.api_key", "anthropic.base_url", "anthropic.timeout_seconds",
            "ollama", "ollama.host", "ollama.request_timeout_seconds", "ollama.embedding_timeout_seconds",
            "ollama.health_timeout_seconds",
            "comfyui", "comfyui.url", "comfyui.default_checkpoint", "comfyui.prompt_timeout_seconds",
            "comfyui.generation_timeout_seconds",
            "execution", "execution.concurrency", "execution.max_task_retries", "execution.max_auto_retries",
            "execution.max_tool_rounds", "execution.resume_on_start", "execution.shutdown_timeout_seconds",
            "budget", "budget.daily_limit_usd", "budget.monthly_limit_usd",
            "api", "api.enabled", "api.port", "api.cors_origins", "api.max_subscribers_per_project",
            "api.max_streams_per_user", "api.max_streams",
            "files", "files.max_file_bytes",
            "rag", "rag.embedding_provider", "rag.ollama_embedding_model",
            "monitor", "monitor.interval_seconds", "monitor.check_timeout_seconds",
            "planning", "planning.max_tasks", "planning.max_requirements_chars",
            "ui", "ui.theme", "ui.close_to_tray");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    /** The OS-standard folders for this app (e.g. ~/.config/orchestration-engine on Linux). */
    public static ProjectDirectories osDirectories() {
        return ProjectDirectories.from("org", "Orchestration", "Orchestration Engine");
    }

    /** The default config file location in the OS config folder. */
    public static Path defaultConfigFile() {
        return Path.of(osDirectories().configDir).resolve("config.json");
    }

    /** The default data folder in the OS data folder. */
    public static Path defaultDataDir() {
        return Path.of(osDirectories().dataDir);
    }

    /**
     * Loads the configuration.
     *
     * @param configFile      the config.json to read; a missing file means all defaults
     * @param dataDirOverride the {@code --data-dir} flag, if given (wins over everything)
     * @throws ConfigException with a one-line message on malformed JSON or a wrongly typed value
     */
    public AppConfig load(Path configFile, Optional<Path> dataDirOverride) {
        JsonNode root = readTree(configFile);
        warnUnknownKeys(root, "", configFile);
        Reader r = new Reader(root, configFile);

        Path dataDir = dataDirOverride
                .or(() -> Optional.ofNullable(env.get("OE_DATA_DIR")).filter(s -> !s.isBlank()).map(Path::of))
                .or(() -> r.optString("data_dir").map(Path::of))
                .orElseGet(ConfigLoader::defaultDataDir)
                .toAbsolutePath();

        String modeText = r.string("auth.mode", "single");
        AppConfig.AuthMode mode = switch (modeText) {
            case "single" -> AppConfig.AuthMode.SINGLE;
            case "multi" -> AppConfig.AuthMode.MULTI;
            default -> throw new ConfigException("auth.mode must be \"single\" or \"multi\" (was \"" + modeText + "\") in " + configFile);
        };
        Optional<String> secret = Optional.ofNullable(env.get("OE_AUTH_SECRET")).filter(s -> !s.isBlank())
                .or(() -> r.optString("auth.secret_key"));
        AppConfig.Auth auth = new AppConfig.Auth(mode,
                secret.orElse(null),
                Duration.ofMinutes(r.integer("auth.access_token_minutes", 15)),
                Duration.ofDays(r.integer("auth.refresh_token_days", 14)),
                Duration.ofSeconds(r.integer("auth.sse_token_seconds", 60)),
                r.bool("auth.registration_open", true));

        Optional<String> apiKey = Optional.ofNullable(env.get("ANTHROPIC_API_KEY")).filter(s -> !s.isBlank())
                .or(() -> r.optString("anthropic.api_key").filter(s -> !s.isBlank()));
        String anthropicBase = Optional.ofNullable(env.get("ANTHROPIC_BASE_URL")).filter(s -> !s.isBlank())
                .orElseGet(() -> r.string("anthropic.base_url", "https://api.anthropic.com"));
        AppConfig.Anthropic anthropic = new AppConfig.Anthropic(apiKey, stripSlash(anthropicBase),
                Duration.ofSeconds(r.integer("anthropic.timeout_seconds", 300)));

        String ollamaHost = Optional.ofNullable(env.get("OLLAMA_HOST")).filter(s -> !s.isBlank())
                .map(ConfigLoader::withScheme)
                .orElseGet(() -> r.string("ollama.host", "http://127.0.0.1:11434"));
        AppConfig.Ollama ollama = new AppConfig.Ollama(stripSlash(ollamaHost),
                Duration.ofSeconds(r.integer("ollama.request_timeout_seconds", 120)),
                Duration.ofSeconds(r.integer("ollama.embedding_timeout_seconds", 30)),
                Duration.ofSeconds(r.integer("ollama.health_timeout_seconds", 2)));

        AppConfig.ComfyUi comfy = new AppConfig.ComfyUi(stripSlash(r.string("comfyui.url", "http://127.0.0.1:8188")),
                r.string("comfyui.default_checkpoint", "sd_xl_base_1.0.safetensors"),
                Duration.ofSeconds(r.integer("comfyui.prompt_timeout_seconds", 30)),
                Duration.ofSeconds(r.integer("comfyui.generation_timeout_seconds", 300)));

        AppConfig.Execution execution = new AppConfig.Execution(
                (int) r.integer("execution.concurrency", 4),
                (int) r.integer("execution.max_task_retries", 5),
                (int) r.integer("execution.max_auto_retries", 5),
                (int) r.integer("execution.max_tool_rounds", 10),
                r.bool("execution.resume_on_start", true),
                Duration.ofSeconds(r.integer("execution.shutdown_timeout_seconds", 10)));

        AppConfig.Budget budget = new AppConfig.Budget(
                r.number("budget.daily_limit_usd", 5.0),
                r.number("budget.monthly_limit_usd", 50.0));

        AppConfig.Api api = new AppConfig.Api(r.bool("api.enabled", false), (int) r.integer("api.port", 8765),
                r.stringList("api.cors_origins"), (int) r.integer("api.max_subscribers_per_project", 10),
                (int) r.integer("api.max_streams_per_user", 16), (int) r.integer("api.max_streams", 256));

        AppConfig.Files files = new AppConfig.Files(r.integer("files.max_file_bytes", 1_048_576));
        AppConfig.Rag rag = new AppConfig.Rag(r.string("rag.embedding_provider", "inprocess"),
                r.string("rag.ollama_embedding_model", "nomic-embed-text"));
        AppConfig.Monitor monitor = new AppConfig.Monitor(Duration.ofSeconds(r.integer("monitor.interval_seconds", 30)),
                Duration.ofSeconds(r.integer("monitor.check_timeout_seconds", 2)));
        AppConfig.Planning planning = new AppConfig.Planning((int) r.integer("planning.max_tasks", 100),
                (int) r.integer("planning.max_requirements_chars", AppConfig.Planning.DEFAULT_MAX_REQUIREMENTS_CHARS));
        AppConfig.Ui ui = new AppConfig.Ui(r.string("ui.theme", "system"), r.bool("ui.close_to_tray", true));

        return new AppConfig(dataDir, auth, anthropic, ollama, comfy, execution, budget, api, files, rag, monitor, planning, ui);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** OLLAMA_HOST is often given as host:port, as the Ollama CLI accepts it. */
    private static String withScheme(String host) {
        return host.contains("://") ? host : "http://" + host;
    }

    private static JsonNode readTree(Path file) {
        if (file == null || !Files.exists(file)) {
            return MissingNode.getInstance();
        }
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return MissingNode.getInstance();
            }
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new ConfigException(file + " must hold one JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConfigException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + " cannot be read: " + e.getMessage());
        }
    }

    private static void warnUnknownKeys(JsonNode node, String prefix, Path file) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (key.startsWith("_") || key.contains("._")) {
                continue; // "_comment" keys document the file
            }
            if (!KNOWN.contains(key)) {
                log.warn("Unknown configuration key {} in {} is ignored", key, file);
            } else if (e.getValue().isObject()) {
                warnUnknownKeys(e.getValue(), key, file);
            }
        }
    }

    /** Typed access to dotted keys with errors that name the key. */
    private static final class Reader {
        private final JsonNode root;
        private final Path file;

        Reader(JsonNode root, Path file) {
            this.root = root;
            this.file = file;
        }

        private JsonNode at(String key) {
            JsonNode n = root;
            for (String part : key.split("\\.")) {
                if (n == null || n.isMissingNode() || n.isNull()) {
                    return MissingNode.getInstance();
                }
                if (!n.isObject()) {
                    throw new ConfigException(key + " expects its parent to be a JSON object in " + file);
                }
                n = n.path(part);
            }
            return n;
        }

        Optional<String> optString(String key) {
            JsonNode n = at(key);
            if (n.isMissingNode() || n.isNull()) {
                return Optional.empty();
            }
            if (!n.isTextual()) {
                throw typeError(key, "a string", n);
            }
            return Optional.of(n.asText());
        }

        String string(String key, String dflt) {
            return optString(key).orElse(dflt);
        }

        long integer(String key, long dflt) {
            JsonNode n = at(key);
            if (n.isMissingNode() || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber()) {
                throw typeError(key, "a whole number", n);
            }
            return n.asLong();
        }

        double number(String key, double dflt) {
            JsonNode n = at(key);
            if (n.isMissingNode() || n.isNull()) {
                return dflt;
            }
            if (!n.isNumber()) {
                throw typeError(key, "a number", n);
            }
            return n.asDouble();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = at(key);
            if (n.isMissingNode() || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw typeError(key, "true or false", n);
            }
            return n.asBoolean();
        }

        List<String> stringList(String key) {
            JsonNode n = at(key);
            if (n.isMissingNode() || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw typeError(key, "a list of strings", n);
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : n) {
                if (!item.isTextual()) {
                    throw typeError(key, "a list of strings", n);
                }
                out.add(item.asText());
            }
            return List.copyOf(out);
        }

        private ConfigException typeError(String key, String expected, JsonNode actual) {
            return new ConfigException(key + " must be " + expected + " (was " + actual.getNodeType().name().toLowerCase()
                    + " " + abbreviate(actual.toString()) + ") in " + file);
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
