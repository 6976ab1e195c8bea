package org.orchestration.ui.settings;

import org.orchestration.core.settings.RoutingRule;

/** One row of the routing table: a rule of the user's, or a built-in route that no rule replaces. */
public record RouteRow(RoutingRule rule, boolean builtIn) {

    /** "Built-in" or "Your rule". */
    public String source() {
        return builtIn ? "Built-in" : "Your rule";
    }
}
