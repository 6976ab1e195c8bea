package org.orchestration.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.ModelRouter;

/**
 * Routing rules and the {@value ModelRouter#ROUTING_KEY} table they are stored as: planning,
 * simple/medium/complex and "local" at the top level (as the router reads them), other task types
 * under {@code task_types}. Checking the table is {@link SettingsService}'s job.
 */
public final class RoutingRules {

    private RoutingRules() {
    }

    /** The stored table as rules; entries without a provider or model are left out. */
    public static List<RoutingRule> fromTable(JsonNode table) {
        List<RoutingRule> out = new ArrayList<>();
        if (table == null || !table.isObject()) {
            return out;
        }
        table.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (key.equals("task_types")) {
                e.getValue().fields().forEachRemaining(t -> rule(RoutingRule.Scope.TASK_TYPE, t.getKey(), t.getValue()).ifPresent(out::add));
            } else if (key.equals("planning")) {
                rule(RoutingRule.Scope.PLANNING, "", e.getValue()).ifPresent(out::add);
            } else if (RoutingRule.COMPLEXITIES.contains(key)) {
                rule(RoutingRule.Scope.COMPLEXITY, key, e.getValue()).ifPresent(out::add);
            } else if (key.equals(ModelRouter.LOCAL_TASK_TYPE)) {
                rule(RoutingRule.Scope.TASK_TYPE, key, e.getValue()).ifPresent(out::add);
            }
        });
        return out;
    }

    /** The router's built-in routes (planning, each complexity, task type "local") as rules. */
    public static List<RoutingRule> builtIn(ModelRouter router) {
        ObjectNode table = Json.mapper().createObjectNode();
        router.builtInRoutes().forEach((key, route) ->
                table.set(key, Json.mapper().createObjectNode().put("provider", route.provider()).put("model", route.model())));
        return fromTable(table);
    }

    /**
     * The rules as the stored table. Provider and model are stripped but not checked: a blank one
     * reaches {@link SettingsService#update}, which refuses it naming the entry.
     */
    public static ObjectNode toTable(List<RoutingRule> rules) {
        ObjectNode table = Json.mapper().createObjectNode();
        ObjectNode types = Json.mapper().createObjectNode();
        for (RoutingRule r : rules) {
            ObjectNode route = Json.mapper().createObjectNode();
            route.put("provider", r.provider() == null ? "" : r.provider().strip());
            route.put("model", r.model() == null ? "" : r.model().strip());
            switch (r.scope()) {
                case PLANNING -> table.set("planning", route);
                case COMPLEXITY -> table.set(r.value(), route);
                case TASK_TYPE -> {
                    if (r.value().equals(ModelRouter.LOCAL_TASK_TYPE)) {
                        table.set(ModelRouter.LOCAL_TASK_TYPE, route);
                    } else {
                        types.set(r.value(), route);
                    }
                }
            }
        }
        if (!types.isEmpty()) {
            table.set("task_types", types);
        }
        return table;
    }

    private static Optional<RoutingRule> rule(RoutingRule.Scope scope, String value, JsonNode route) {
        String provider = route.path("provider").asText("");
        String model = route.path("model").asText("");
        return provider.isBlank() || model.isBlank() ? Optional.empty() : Optional.of(new RoutingRule(scope, value, provider, model));
    }
}
