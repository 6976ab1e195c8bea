package org.orchestration.core.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price table: defaults shipped in {@code resources} ({@value #DEFAULTS_RESOURCE}),
 * overridden per model by the setting {@value #OVERRIDES_KEY}, with models marked free by the
 * setting {@value #FREE_MODELS_KEY}. A model routed to the local provider "ollama" is free by
 * default.
 *
 * <p>Unknown models <b>fail closed</b>: {@link #costMicros} and {@link #estimateMicros} return
 * empty, the budget refuses the call, and the model is logged once. A dated model id such as
 * {@code claude-sonnet-4-5-20250929} is priced as its undated name when only that is listed.
 */
public final class Pricing implements PriceBook {

    public static final String DEFAULTS_RESOURCE = "/org/orchestration/resources/pricing/models.json";
    /** Settings key: {@code {"model": {"input": 3, "output": 15, "cache_write": 3.75, "cache_read": 0.3}}} (USD per million). */
    public static final String OVERRIDES_KEY = "pricing.overrides";
    /** Settings key: {@code ["my-model", ...]} models that cost nothing. */
    public static final String FREE_MODELS_KEY = "pricing.free_models";

    private static final Logger log = LoggerFactory.getLogger(Pricing.class);
    private static final TypeReference<Map<String, Map<String, BigDecimal>>> OVERRIDES_TYPE = new TypeReference<>() { };
    private static final TypeReference<List<String>> FREE_TYPE = new TypeReference<>() { };

    private final Map<String, ModelPrice> defaults;
    private final SettingsStore settings;
    private final Supplier<? extends Collection<ModelRoute>> routes;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param routes the configured routes (e.g. {@code ModelRouter::configuredRoutes}); models
     *               routed to "ollama" are free
     */
    public Pricing(SettingsStore settings, Supplier<? extends Collection<ModelRoute>> routes) {
        this(loadDefaults(), settings, routes);
    }

    public Pricing(Map<String, ModelPrice> defaults, SettingsStore settings, Supplier<? extends Collection<ModelRoute>> routes) {
        this.defaults = Map.copyOf(defaults);
        this.settings = settings;
        this.routes = routes;
    }

    /** Reads the shipped price table. */
    public static Map<String, ModelPrice> loadDefaults() {
        try (InputStream in = Pricing.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The price table " + DEFAULTS_RESOURCE + " is missing from the resources module");
            }
            JsonNode models = Json.mapper().readTree(in).path("models");
            Map<String, ModelPrice> out = new LinkedHashMap<>();
            models.fields().forEachRemaining(e -> out.put(e.getKey(), parse(e.getKey(), e.getValue(), null)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("The price table " + DEFAULTS_RESOURCE + " cannot be read", e);
        }
    }

    @Override
    public OptionalLong costMicros(String model, TokenUsage usage) {
        return priceOrWarn(model).map(p -> OptionalLong.of(p.costMicros(usage))).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong estimateMicros(String model, long inputTokens, long outputTokens) {
        return priceOrWarn(model).map(p -> OptionalLong.of(p.costMicros(new TokenUsage(inputTokens, outputTokens, 0, 0))))
                .orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong reservationMicros(String model, long inputTokens, long maxOutputTokens) {
        return priceOrWarn(model).map(p -> OptionalLong.of(p.worstCaseMicros(inputTokens, maxOutputTokens))).orElse(OptionalLong.empty());
    }

    /**
     * The effective price of {@code model}: {@link ModelPrice#FREE} if marked free or routed to
     * Ollama, else the settings override (merged over the shipped price), else the shipped price.
     * Does not warn.
     */
    public Optional<ModelPrice> priceOf(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        if (isFree(model)) {
            return Optional.of(ModelPrice.FREE);
        }
        Map<String, Map<String, BigDecimal>> overrides = settings.get(OVERRIDES_KEY, OVERRIDES_TYPE).orElse(Map.of());
        for (String name : List.of(model, undated(model))) {
            ModelPrice shipped = defaults.get(name);
            Map<String, BigDecimal> override = overrides.get(name);
            if (override != null) {
                try {
                    return Optional.of(fromOverride(name, override, shipped));
                } catch (IllegalArgumentException e) {
                    if (warned.add("override:" + name)) {
                        log.warn("Ignoring the price override of '{}' and treating the model as unpriced: {}", name, e.getMessage());
                    }
                    return Optional.empty();
                }
            }
            if (shipped != null) {
                return Optional.of(shipped);
            }
        }
        return Optional.empty();
    }

    /** Every model named in the shipped table, in {@value #OVERRIDES_KEY} or in {@value #FREE_MODELS_KEY}, sorted. */
    public SortedSet<String> pricedModels() {
        SortedSet<String> names = new TreeSet<>(defaults.keySet());
        names.addAll(settings.get(OVERRIDES_KEY, OVERRIDES_TYPE).orElse(Map.of()).keySet());
        names.addAll(settings.get(FREE_MODELS_KEY, FREE_TYPE).orElse(List.of()));
        return names;
    }

    /** True when the model is in {@value #FREE_MODELS_KEY} or routed to the local Ollama provider. */
    public boolean isFree(String model) {
        List<String> free = settings.get(FREE_MODELS_KEY, FREE_TYPE).orElse(List.of());
        if (free.contains(model)) {
            return true;
        }
        return routes.get().stream().anyMatch(r -> OllamaProvider.ID.equals(r.provider()) && model.equals(r.model()));
    }

    /**
     * Start-up validation: every route whose model has no price and is not free. Each is a
     * call the budget would refuse; the caller reports them all at once.
     */
    public List<ModelRoute> missingPrices(Collection<ModelRoute> routesToCheck) {
        List<ModelRoute> missing = new ArrayList<>();
        for (ModelRoute r : routesToCheck) {
            if (!OllamaProvider.ID.equals(r.provider()) && priceOf(r.model()).isEmpty() && !missing.contains(r)) {
                missing.add(r);
            }
        }
        return missing;
    }

    private Optional<ModelPrice> priceOrWarn(String model) {
        Optional<ModelPrice> price = priceOf(model);
        if (price.isEmpty() && warned.add(String.valueOf(model))) {
            log.warn("Model '{}' has no price: calls to it are blocked until a price is set in settings ({}) "
                    + "or the model is marked free ({})", model, OVERRIDES_KEY, FREE_MODELS_KEY);
        }
        return price;
    }

    /** "claude-sonnet-4-5-20250929" -> "claude-sonnet-4-5"; other names unchanged. */
    static String undated(String model) {
        return model.replaceFirst("-\\d{8}$", "");
    }

    private static ModelPrice fromOverride(String model, Map<String, BigDecimal> o, ModelPrice shipped) {
        JsonNode node = Json.mapper().valueToTree(o);
        return parse(model, node, shipped);
    }

    /**
     * Reads {input, output, cache_write, cache_read}. Missing fields come from {@code base};
     * without a base, input and output are required and missing cache prices default to the
     * input price (cache writes are never cheaper than that in practice).
     */
    private static ModelPrice parse(String model, JsonNode node, ModelPrice base) {
        BigDecimal input = field(node, "input", base == null ? null : base.input(), model);
        BigDecimal output = field(node, "output", base == null ? null : base.output(), model);
        BigDecimal cacheWrite = field(node, "cache_write", base == null ? input : base.cacheWrite(), model);
        BigDecimal cacheRead = field(node, "cache_read", base == null ? input : base.cacheRead(), model);
        try {
            return new ModelPrice(input, output, cacheWrite, cacheRead);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The price of model '" + model + "' has a negative value");
        }
    }

    private static BigDecimal field(JsonNode node, String name, BigDecimal dflt, String model) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (dflt == null) {
                throw new IllegalArgumentException("The price of model '" + model + "' has no " + name + " price");
            }
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("The " + name + " price of model '" + model + "' is not a number");
        }
        return v.decimalValue();
    }
}
