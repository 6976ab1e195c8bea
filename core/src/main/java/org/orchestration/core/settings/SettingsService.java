package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.rag.KnowledgeRoots;

/**
 * The runtime settings an admin edits in Settings or through {@code PATCH /api/settings}:
 * concurrency, retry limits, model routing ({@value ModelRouter#ROUTING_KEY}) and price overrides
 * ({@value Pricing#OVERRIDES_KEY}) and the folders users may index ({@value KnowledgeRoots#ALLOWED_ROOTS_KEY}). The services that use them read the {@code settings} table at
 * the point of use; this class validates and writes them. Concurrency goes through the executor
 * ({@link ConcurrencyControl}) so the pool follows at once.
 */
public final class SettingsService {

    public static final String CONCURRENCY_KEY = "execution.concurrency";
    public static final String MAX_TASK_RETRIES_KEY = "execution.max_task_retries";
    public static final String MAX_AUTO_RETRIES_KEY = "execution.max_auto_retries";
    public static final int MAX_CONCURRENCY = 64;
    public static final int MAX_RETRIES = 100;

    private static final Set<String> ROUTE_KEYS = Set.of("planning", "simple", "medium", "complex", "local");
    private static final Set<String> PRICE_KEYS = Set.of("input", "output", "cache_write", "cache_read");
    private static final int MAX_NAME = 200;

    /** Changes the worker pool size at run time; the executor's {@code setConcurrency(User, int)} fits. */
    @FunctionalInterface
    public interface ConcurrencyControl {
        void setConcurrency(User admin, int n);
    }

    private final Database db;
    private final SettingsStore store;
    private final AppConfig.Execution defaults;
    private final ConcurrencyControl concurrency;
    private final Set<String> shippedModels;
    private final KnowledgeRoots knowledgeRoots;

    public SettingsService(Database db, SettingsStore store, AppConfig.Execution defaults, ConcurrencyControl concurrency,
                           KnowledgeRoots knowledgeRoots) {
        this.db = db;
        this.knowledgeRoots = knowledgeRoots;
        this.shippedModels = Set.copyOf(Pricing.loadDefaults().keySet());
        this.store = store;
        this.defaults = defaults;
        this.concurrency = concurrency;
    }

    /**
     * The settings in force. Any signed-in user may read them (they hold no secrets).
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public RuntimeSettings get(User actor) {
        AccessPolicy.requireUser(actor);
        return new RuntimeSettings(
                store.get(CONCURRENCY_KEY, Integer.class, defaults.concurrency()),
                store.get(MAX_TASK_RETRIES_KEY, Integer.class, defaults.maxTaskRetries()),
                store.get(MAX_AUTO_RETRIES_KEY, Integer.class, defaults.maxAutoRetries()),
                store.get(ModelRouter.ROUTING_KEY, JsonNode.class).orElseGet(Json.mapper()::createObjectNode),
                store.get(Pricing.OVERRIDES_KEY, JsonNode.class).orElseGet(Json.mapper()::createObjectNode),
                knowledgeRoots.allowedRoots());
    }

    /**
     * Applies {@code patch}: every field is checked before anything is written, so a bad value
     * changes nothing. Admin only.
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws ValidationException naming the field: "concurrency" (1..64), "max_task_retries" and
     *         "max_auto_retries" (0..100), "model_routing" (entries {@code {provider, model}} under
     *         planning/simple/medium/complex/local or task_types.&lt;type&gt;; the field names the entry,
     *         e.g. "model_routing.planning.model"), "prices" (per model {@code input, output,
     *         cache_write, cache_read} USD per million tokens, numbers &ge; 0; e.g. "prices.my-model.input"),
     *         "knowledge_allowed_roots" (absolute, existing folders that are not, contain or lie inside
     *         the data or config folder; see {@link KnowledgeRoots#checkRoots});
     *         with no field when nothing would change
     */
    public RuntimeSettings update(User actor, SettingsPatch patch) {
        AccessPolicy.requireAdmin(actor);
        if (patch == null || patch.isEmpty()) {
            throw new ValidationException("Nothing to change.");
        }
        Integer n = patch.concurrency() == null ? null : range("concurrency", patch.concurrency(), 1, MAX_CONCURRENCY);
        Integer taskRetries = patch.maxTaskRetries() == null ? null
                : range("max_task_retries", patch.maxTaskRetries(), 0, MAX_RETRIES);
        Integer autoRetries = patch.maxAutoRetries() == null ? null
                : range("max_auto_retries", patch.maxAutoRetries(), 0, MAX_RETRIES);
        if (patch.modelRouting() != null) {
            checkRouting(patch.modelRouting());
        }
        if (patch.prices() != null) {
            checkPrices(patch.prices());
        }
        List<String> roots = patch.knowledgeAllowedRoots() == null ? null : knowledgeRoots.checkRoots(patch.knowledgeAllowedRoots());
        db.inTransaction(() -> {
            if (taskRetries != null) {
                store.put(MAX_TASK_RETRIES_KEY, taskRetries);
            }
            if (autoRetries != null) {
                store.put(MAX_AUTO_RETRIES_KEY, autoRetries);
            }
            putTable(ModelRouter.ROUTING_KEY, patch.modelRouting());
            putTable(Pricing.OVERRIDES_KEY, patch.prices());
            if (roots != null) {
                store.put(KnowledgeRoots.ALLOWED_ROOTS_KEY, roots);
            }
        });
        // Last: the executor writes the setting and resizes its pool in one step of its own.
        if (n != null) {
            concurrency.setConcurrency(actor, n);
        }
        return get(actor);
    }

    private void putTable(String key, JsonNode table) {
        if (table == null) {
            return;
        }
        if (table.isEmpty()) {
            store.remove(key);
        } else {
            store.put(key, table);
        }
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, field + " must be between " + min + " and " + max + " (was " + value + ").");
        }
        return value;
    }

    private static void checkRouting(JsonNode routing) {
        requireObject("model_routing", routing);
        for (Iterator<Map.Entry<String, JsonNode>> it = routing.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "model_routing." + e.getKey();
            if (e.getKey().equals("task_types")) {
                requireObject(field, e.getValue());
                for (Iterator<Map.Entry<String, JsonNode>> t = e.getValue().fields(); t.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = t.next();
                    checkName(field, type.getKey());
                    checkRoute(field + "." + type.getKey(), type.getValue());
                }
            } else if (ROUTE_KEYS.contains(e.getKey())) {
                checkRoute(field, e.getValue());
            } else {
                throw new ValidationException(field, "Unknown routing entry \"" + e.getKey()
                        + "\"; use planning, simple, medium, complex, local or task_types.");
            }
        }
    }

    private static void checkRoute(String field, JsonNode route) {
        requireObject(field, route);
        for (Iterator<String> names = route.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("provider") && !name.equals("model")) {
                throw new ValidationException(field + "." + name, "A route has only \"provider\" and \"model\".");
            }
        }
        for (String part : new String[] {"provider", "model"}) {
            JsonNode v = route.get(part);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw new ValidationException(field + "." + part, "Give the route a " + part + " (a non-empty string).");
            }
            checkName(field + "." + part, v.asText());
        }
    }

    private void checkPrices(JsonNode prices) {
        requireObject("prices", prices);
        for (Iterator<Map.Entry<String, JsonNode>> it = prices.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "prices." + e.getKey();
            checkName("prices", e.getKey());
            requireObject(field, e.getValue());
            for (Iterator<Map.Entry<String, JsonNode>> p = e.getValue().fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> price = p.next();
                if (!PRICE_KEYS.contains(price.getKey())) {
                    throw new ValidationException(field + "." + price.getKey(),
                            "A price has input, output, cache_write and cache_read (USD per million tokens).");
                }
                JsonNode v = price.getValue();
                if (!v.isNumber() || v.decimalValue().signum() < 0 || !Double.isFinite(v.doubleValue())) {
                    throw new ValidationException(field + "." + price.getKey(), "A price must be a number of dollars, 0 or more.");
                }
            }
            // A model the shipped table does not know needs both main prices (Pricing fails closed otherwise).
            String undated = e.getKey().replaceFirst("-\\d{8}$", "");
            if (!shippedModels.contains(e.getKey()) && !shippedModels.contains(undated)) {
                for (String required : new String[] {"input", "output"}) {
                    if (!e.getValue().has(required)) {
                        throw new ValidationException(field + "." + required, "Model \"" + e.getKey()
                                + "\" has no shipped price, so its " + required + " price is required.");
                    }
                }
            }
        }
    }

    private static void checkName(String field, String name) {
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, "Names must be 1-" + MAX_NAME + " characters without control characters.");
        }
    }

    private static void requireObject(String field, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new ValidationException(field, field + " must be a JSON object.");
        }
    }
}
