package org.orchestration.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.orchestration.core.config.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses provider + model for planning and for each task from the routing table in settings
 * ({@value #ROUTING_KEY}), falling back to defaults per entry: simple -> Haiku class, medium and
 * planning -> Sonnet class, complex -> Opus class, task type "local" -> the Ollama model in
 * {@value #LOCAL_MODEL_KEY}.
 *
 * <p>The {@link Mode} decides first. Simulated mode routes everything to the Simulated provider;
 * it is used when the setting {@value #MODE_KEY} says "simulated" (the first-run screen sets it),
 * or, with no setting, when there is neither an Anthropic key nor a reachable Ollama. It is never
 * chosen silently over a configured real provider, and {@link #mode()} always says which mode is
 * active and why, for the UI to show.
 *
 * <p>Routing table shape (every entry optional):
 * <pre>{"planning": {"provider": "anthropic", "model": "claude-sonnet-4-6"},
 *  "simple": {...}, "medium": {...}, "complex": {...}, "local": {"provider": "ollama", "model": "llama3.2"},
 *  "task_types": {"research": {"provider": "anthropic", "model": "claude-opus-4-5"}}}</pre>
 */
public final class ModelRouter implements ModelRouting {

    public static final String ROUTING_KEY = "llm.routing";
    /** "simulated" | "live" | "local"; absent means automatic. */
    public static final String MODE_KEY = "llm.mode";
    public static final String LOCAL_MODEL_KEY = "llm.local_model";
    public static final String DEFAULT_LOCAL_MODEL = "llama3.2";
    public static final String LOCAL_TASK_TYPE = "local";

    public static final ModelRoute SIMULATED_ROUTE = new ModelRoute(SimulatedProvider.ID, SimulatedProvider.MODEL);
    static final ModelRoute DEFAULT_PLANNING = new ModelRoute(AnthropicProvider.ID, "claude-sonnet-4-6");
    static final ModelRoute DEFAULT_SIMPLE = new ModelRoute(AnthropicProvider.ID, "claude-haiku-4-5");
    static final ModelRoute DEFAULT_MEDIUM = new ModelRoute(AnthropicProvider.ID, "claude-sonnet-4-6");
    static final ModelRoute DEFAULT_COMPLEX = new ModelRoute(AnthropicProvider.ID, "claude-opus-4-5");

    private static final Logger log = LoggerFactory.getLogger(ModelRouter.class);

    /** Which providers calls go to. */
    public enum ModeKind {
        /** Claude for planning and tasks (routing table); "local" tasks on Ollama. */
        LIVE,
        /** No Anthropic key: every call goes to the local Ollama model. */
        LOCAL_ONLY,
        /** Every call goes to the Simulated provider: outputs are not real and cost $0. */
        SIMULATED
    }

    /** The active mode and a sentence saying why, for the UI and the API. */
    public record Mode(ModeKind kind, String reason) {
        public boolean isSimulated() {
            return kind == ModeKind.SIMULATED;
        }
    }

    private final SettingsStore settings;
    private final boolean anthropicConfigured;
    private final BooleanSupplier ollamaAvailable;
    private final AtomicBoolean ollamaSeen = new AtomicBoolean();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param anthropicConfigured whether an Anthropic API key is set
     * @param ollamaAvailable     whether Ollama is reachable (e.g. {@code () -> monitor.isKnownUp("ollama")}, which
     *                            is false until a check has seen it);
     *                            once it said yes, automatic mode stays on Ollama for this run so
     *                            a hiccup never turns real work into simulated work
     */
    public ModelRouter(SettingsStore settings, boolean anthropicConfigured, BooleanSupplier ollamaAvailable) {
        this.settings = settings;
        this.anthropicConfigured = anthropicConfigured;
        this.ollamaAvailable = ollamaAvailable;
    }

    /** The active mode and why. Cheap; read at every routing decision. */
    public Mode mode() {
        String setting = settings.get(MODE_KEY, String.class).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("auto");
        switch (setting) {
            case "simulated":
                return new Mode(ModeKind.SIMULATED, "Simulated mode was chosen in settings: outputs are not real and cost $0.");
            case "local":
                return new Mode(ModeKind.LOCAL_ONLY, "Local mode was chosen in settings: every call goes to the Ollama model "
                        + localModel() + ".");
            case "live":
                return anthropicConfigured
                        ? new Mode(ModeKind.LIVE, "Live mode: Claude models through the configured Anthropic API key.")
                        : new Mode(ModeKind.LIVE, "Live mode was chosen in settings but no Anthropic API key is set: "
                        + "Claude calls fail until a key is added (anthropic.api_key or ANTHROPIC_API_KEY).");
            case "auto":
                break;
            default:
                if (warned.add("mode:" + setting)) {
                    log.warn("Setting {} has the unknown value '{}'; choosing the mode automatically", MODE_KEY, setting);
                }
        }
        if (anthropicConfigured) {
            return new Mode(ModeKind.LIVE, "Live mode: an Anthropic API key is configured.");
        }
        if (!ollamaSeen.get() && ollamaAvailable.getAsBoolean()) {
            ollamaSeen.set(true);
        }
        if (ollamaSeen.get()) {
            return new Mode(ModeKind.LOCAL_ONLY, "No Anthropic API key is set: every call goes to the local Ollama model "
                    + localModel() + ".");
        }
        return new Mode(ModeKind.SIMULATED, "No Anthropic API key is set and no Ollama server was found: running in "
                + "Simulated mode (outputs are not real and cost $0).");
    }

    @Override
    public ModelRoute forPlanning() {
        Mode mode = mode();
        if (mode.kind() == ModeKind.SIMULATED) {
            return SIMULATED_ROUTE;
        }
        if (mode.kind() == ModeKind.LOCAL_ONLY) {
            return localRoute(table());
        }
        return table().getOrDefault("planning", DEFAULT_PLANNING);
    }

    @Override
    public ModelRoute forTask(String taskType, String complexity) {
        Mode mode = mode();
        if (mode.kind() == ModeKind.SIMULATED) {
            return SIMULATED_ROUTE;
        }
        Map<String, ModelRoute> table = table();
        String type = taskType == null ? "" : taskType.trim().toLowerCase(Locale.ROOT);
        if (mode.kind() == ModeKind.LOCAL_ONLY || LOCAL_TASK_TYPE.equals(type)) {
            return localRoute(table);
        }
        ModelRoute byType = table.get("task_types." + type);
        if (byType != null) {
            return byType;
        }
        String level = complexity == null ? "medium" : complexity.trim().toLowerCase(Locale.ROOT);
        return switch (level) {
            case "simple" -> table.getOrDefault("simple", DEFAULT_SIMPLE);
            case "complex" -> table.getOrDefault("complex", DEFAULT_COMPLEX);
            default -> table.getOrDefault("medium", DEFAULT_MEDIUM);
        };
    }

    /**
     * Every route the table can produce (defaults included), whatever the mode, plus the
     * simulated route: for start-up price validation and for "models routed to Ollama are free".
     */
    public List<ModelRoute> configuredRoutes() {
        Map<String, ModelRoute> table = table();
        List<ModelRoute> out = new ArrayList<>();
        addOnce(out, table.getOrDefault("planning", DEFAULT_PLANNING));
        addOnce(out, table.getOrDefault("simple", DEFAULT_SIMPLE));
        addOnce(out, table.getOrDefault("medium", DEFAULT_MEDIUM));
        addOnce(out, table.getOrDefault("complex", DEFAULT_COMPLEX));
        addOnce(out, localRoute(table));
        table.forEach((k, v) -> {
            if (k.startsWith("task_types.")) {
                addOnce(out, v);
            }
        });
        addOnce(out, SIMULATED_ROUTE);
        return out;
    }

    /**
     * The routes that apply where the routing table has no entry, by table key in the order people
     * read them: "planning", "simple", "medium", "complex", "local" (the task type sent to Ollama).
     * For the settings screen, which lists them beside the stored rules.
     */
    public Map<String, ModelRoute> builtInRoutes() {
        Map<String, ModelRoute> out = new LinkedHashMap<>();
        out.put("planning", DEFAULT_PLANNING);
        out.put("simple", DEFAULT_SIMPLE);
        out.put("medium", DEFAULT_MEDIUM);
        out.put("complex", DEFAULT_COMPLEX);
        out.put(LOCAL_TASK_TYPE, new ModelRoute(OllamaProvider.ID, localModel()));
        return out;
    }

    /** The Ollama model for "local" tasks: {@value #LOCAL_MODEL_KEY}, else {@value #DEFAULT_LOCAL_MODEL}. */
    public String localModel() {
        return settings.get(LOCAL_MODEL_KEY, String.class).filter(s -> !s.isBlank()).orElse(DEFAULT_LOCAL_MODEL);
    }

    private ModelRoute localRoute(Map<String, ModelRoute> table) {
        return Optional.ofNullable(table.get("local")).orElseGet(() -> new ModelRoute(OllamaProvider.ID, localModel()));
    }

    /** The routing setting flattened to "planning", "simple", ..., "task_types.code"; bad entries are skipped (warned once). */
    private Map<String, ModelRoute> table() {
        Optional<JsonNode> raw;
        try {
            raw = settings.get(ROUTING_KEY, JsonNode.class);
        } catch (RuntimeException e) {
            warnOnce("routing", "Setting " + ROUTING_KEY + " cannot be read (" + e.getMessage() + "); using the default routes");
            return Map.of();
        }
        Map<String, ModelRoute> out = new LinkedHashMap<>();
        raw.filter(JsonNode::isObject).ifPresent(node -> node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("task_types")) {
                e.getValue().fields().forEachRemaining(t -> route("task_types." + t.getKey().toLowerCase(Locale.ROOT), t.getValue())
                        .ifPresent(r -> out.put("task_types." + t.getKey().toLowerCase(Locale.ROOT), r)));
            } else {
                route(e.getKey(), e.getValue()).ifPresent(r -> out.put(e.getKey(), r));
            }
        }));
        return out;
    }

    private Optional<ModelRoute> route(String key, JsonNode node) {
        String provider = node.path("provider").asText("");
        String model = node.path("model").asText("");
        if (provider.isBlank() || model.isBlank()) {
            warnOnce(key, "Routing entry '" + key + "' in " + ROUTING_KEY + " needs a provider and a model; using the default");
            return Optional.empty();
        }
        return Optional.of(new ModelRoute(provider, model));
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            log.warn(message);
        }
    }

    private static void addOnce(List<ModelRoute> list, ModelRoute route) {
        if (!list.contains(route)) {
            list.add(route);
        }
    }
}
