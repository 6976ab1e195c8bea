package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.AnthropicProvider;
import org.orchestration.core.llm.ModelPrice;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouter;
import org.orchestration.core.llm.Pricing;
import org.orchestration.core.model.Money;

/**
 * Model prices as Settings lists them ({@link PriceRow}, micro-dollars) and the
 * {@value Pricing#OVERRIDES_KEY} table they are stored as (USD per million tokens). Checking the
 * table is {@link SettingsService}'s job.
 */
public final class PriceTable {

    private final SettingsStore settings;
    private final ModelRouter router;
    private final Map<String, ModelPrice> shipped = Pricing.loadDefaults();

    public PriceTable(SettingsStore settings, ModelRouter router) {
        this.settings = settings;
        this.router = router;
    }

    /**
     * The prices shown: every model with a stored price and every model routed to Anthropic (at
     * its shipped price), each as stored over shipped. A model with neither price is left out.
     */
    public List<PriceRow> rows() {
        ObjectNode overrides = overrides();
        Set<String> models = new LinkedHashSet<>();
        overrides.fieldNames().forEachRemaining(models::add);
        for (ModelRoute r : router.configuredRoutes()) {
            if (AnthropicProvider.ID.equals(r.provider())) {
                models.add(r.model());
            }
        }
        List<PriceRow> out = new ArrayList<>();
        for (String model : models) {
            JsonNode stored = overrides.path(model);
            ModelPrice shippedPrice = shipped(model);
            BigDecimal in = stored.path("input").isNumber() ? stored.path("input").decimalValue()
                    : shippedPrice == null ? null : shippedPrice.input();
            BigDecimal outPrice = stored.path("output").isNumber() ? stored.path("output").decimalValue()
                    : shippedPrice == null ? null : shippedPrice.output();
            if (in != null && outPrice != null) {
                out.add(new PriceRow(model, micros(in), micros(outPrice)));
            }
        }
        return out;
    }

    /**
     * The stored table for the rows given: a price equal to the shipped one is not stored, a stored
     * price keeps its cache prices, a model left out loses its stored price. Negative prices are
     * passed on for {@link SettingsService#update} to refuse, naming the field.
     */
    public ObjectNode toOverrides(List<PriceRow> rows) {
        ObjectNode before = overrides();
        ObjectNode table = Json.mapper().createObjectNode();
        for (PriceRow p : rows) {
            String model = p.model() == null ? "" : p.model().strip();
            ModelPrice shippedPrice = shipped(model);
            JsonNode stored = before.get(model);
            if (stored == null && shippedPrice != null && micros(shippedPrice.input()) == p.inputMicrosPerMTok()
                    && micros(shippedPrice.output()) == p.outputMicrosPerMTok()) {
                continue;
            }
            ObjectNode o = stored != null && stored.isObject() ? (ObjectNode) stored.deepCopy() : Json.mapper().createObjectNode();
            o.put("input", Money.microsToUsd(p.inputMicrosPerMTok()));
            o.put("output", Money.microsToUsd(p.outputMicrosPerMTok()));
            table.set(model, o);
        }
        return table;
    }

    private ObjectNode overrides() {
        return settings.get(Pricing.OVERRIDES_KEY, JsonNode.class).filter(JsonNode::isObject)
                .map(n -> (ObjectNode) n.deepCopy()).orElseGet(() -> Json.mapper().createObjectNode());
    }

    /** The shipped price of a model, or of its undated name ("claude-x-20250101" → "claude-x"). */
    private ModelPrice shipped(String model) {
        ModelPrice p = shipped.get(model);
        return p != null ? p : shipped.get(model.replaceFirst("-\\d{8}$", ""));
    }

    private static long micros(BigDecimal usdPerMTok) {
        return usdPerMTok.multiply(BigDecimal.valueOf(Money.MICROS_PER_USD)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
