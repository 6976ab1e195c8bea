package org.orchestration.core.llm;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.orchestration.core.errors.ValidationException;

/**
 * Which models a task may be pinned to, per provider — so that a pinned model is one the executor
 * can run and the budget can price (an unpriced model would only fail at run time):
 * <ul>
 *   <li>{@code simulated}: only the model {@value SimulatedProvider#MODEL};</li>
 *   <li>{@code ollama}: models the routing table sends to Ollama (the local model included) or
 *       listed in {@value Pricing#FREE_MODELS_KEY} — the models {@link Pricing#isFree} accepts;</li>
 *   <li>{@code anthropic}: models with a price (shipped table or {@value Pricing#OVERRIDES_KEY}, a
 *       dated id priced as its undated name), except the simulated model and models routed to Ollama;</li>
 *   <li>any other provider: a model the routing table sends to that provider, if it has a price.</li>
 * </ul>
 */
public final class ModelCatalog {

    private final Pricing prices;
    private final Supplier<? extends Collection<ModelRoute>> routes;

    /**
     * @param routes the configured routes, e.g. {@code ModelRouter::configuredRoutes} (read at every check,
     *               so routing and price changes in Settings apply at once)
     */
    public ModelCatalog(Pricing prices, Supplier<? extends Collection<ModelRoute>> routes) {
        this.prices = prices;
        this.routes = routes;
    }

    /** Whether {@code model} may be used with {@code provider} (rules in the class comment). */
    public boolean isUsable(String provider, String model) {
        if (provider == null || model == null || model.isBlank()) {
            return false;
        }
        if (SimulatedProvider.ID.equals(provider)) {
            return SimulatedProvider.MODEL.equals(model);
        }
        if (SimulatedProvider.MODEL.equals(model)) {
            return false;
        }
        if (OllamaProvider.ID.equals(provider)) {
            return prices.isFree(model);
        }
        if (AnthropicProvider.ID.equals(provider)) {
            return !routes.get().contains(new ModelRoute(OllamaProvider.ID, model)) && prices.priceOf(model).isPresent();
        }
        return routes.get().contains(new ModelRoute(provider, model)) && prices.priceOf(model).isPresent();
    }

    /** The listable models {@link #isUsable} accepts for {@code provider} (priced and routed ones), sorted. */
    public List<String> modelsFor(String provider) {
        TreeSet<String> candidates = new TreeSet<>(prices.pricedModels());
        routes.get().forEach(r -> candidates.add(r.model()));
        return candidates.stream().filter(m -> isUsable(provider, m)).toList();
    }

    /**
     * Returns {@code model} trimmed when it is usable with {@code provider}.
     *
     * @throws ValidationException "model", naming the provider and the models it accepts
     */
    public String requireUsable(String provider, String model) {
        String clean = model == null ? null : model.strip();
        if (provider == null) {
            throw new ValidationException("model", "model cannot be set: the task has no provider assigned.");
        }
        if (!isUsable(provider, clean)) {
            List<String> choices = modelsFor(provider);
            throw new ValidationException("model", "model must be a priced model of the task's provider '" + provider + "'"
                    + (choices.isEmpty() ? "" : " (one of: " + String.join(", ", choices) + ")")
                    + "; add a price in Settings to use another.");
        }
        return clean;
    }
}
