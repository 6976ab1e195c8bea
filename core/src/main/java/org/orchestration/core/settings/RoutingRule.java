package org.orchestration.core.settings;

import java.util.List;
import java.util.Locale;

/**
 * One model-routing rule: calls for {@code scope}/{@code value} go to {@code provider}'s
 * {@code model}. Scopes: the planner ({@code value} empty), a complexity ("simple", "medium",
 * "complex"), or a task type (any name; "local" is the task type the engine sends to Ollama).
 * A task-type rule wins over the complexity rule; without a rule the engine's defaults apply.
 */
public record RoutingRule(Scope scope, String value, String provider, String model) {

    /** What a rule applies to. */
    public enum Scope {
        PLANNING, COMPLEXITY, TASK_TYPE
    }

    /** The providers a rule can name. */
    public static final List<String> PROVIDERS = List.of("anthropic", "ollama", "simulated");
    public static final List<String> COMPLEXITIES = List.of("simple", "medium", "complex");

    public RoutingRule {
        value = scope == Scope.PLANNING || value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    /** True when both rules apply to the same calls (one replaces the other). */
    public boolean sameTarget(RoutingRule other) {
        return scope == other.scope && value.equals(other.value);
    }

    /** "Planning", "Complexity: simple", "Task type: research". */
    public String target() {
        return switch (scope) {
            case PLANNING -> "Planning";
            case COMPLEXITY -> "Complexity: " + value;
            case TASK_TYPE -> "Task type: " + value;
        };
    }
}
