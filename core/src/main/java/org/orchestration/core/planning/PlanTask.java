package org.orchestration.core.planning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouting;

/**
 * One task of a plan, as stored in the plan body.
 *
 * @param dependsOn references to other tasks by 0-based index, kept exactly as written (a
 *                  non-numeric or out-of-range reference becomes a {@link PlanWarning}, not an error)
 * @param maxTokens output limit for the task's calls, or null for the complexity default
 * @param provider  user-chosen provider, or null to route by type and complexity
 * @param model     user-chosen model, or null to route by type and complexity
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanTask(@JsonProperty("title") String title,
                       @JsonProperty("description") String description,
                       @JsonProperty("task_type") String taskType,
                       @JsonProperty("complexity") String complexity,
                       @JsonProperty("priority") int priority,
                       @JsonProperty("depends_on") List<JsonNode> dependsOn,
                       @JsonProperty("tools") List<String> tools,
                       @JsonProperty("estimated_tokens") long estimatedTokens,
                       @JsonProperty("max_tokens") Integer maxTokens,
                       @JsonProperty("phase") String phase,
                       @JsonProperty("provider") String provider,
                       @JsonProperty("model") String model) {

    public static final List<String> COMPLEXITIES = List.of("simple", "medium", "complex");

    public PlanTask {
        dependsOn = List.copyOf(dependsOn);
        tools = List.copyOf(tools);
    }

    /** A task with defaults for everything but what the user must say. */
    public static PlanTask of(String title, String description, String taskType, String complexity) {
        return new PlanTask(title, description, taskType, complexity, 50, List.of(), List.of(),
                defaultEstimatedTokens(complexity), null, null, null, null);
    }

    /** The model this task will use: the user's choice if any, else the router's. */
    public ModelRoute route(ModelRouting routing) {
        if (model != null) {
            String p = provider != null ? provider : routing.forTask(taskType, complexity).provider();
            return new ModelRoute(p, model);
        }
        return routing.forTask(taskType, complexity);
    }

    /** Output limit per call: the task's own, else by complexity. */
    public int effectiveMaxTokens() {
        if (maxTokens != null) {
            return maxTokens;
        }
        return switch (complexity) {
            case "simple" -> 2048;
            case "complex" -> 8192;
            default -> 4096;
        };
    }

    /** Used when the model gives no estimate: a rough size of one task's output by complexity. */
    public static long defaultEstimatedTokens(String complexity) {
        return switch (complexity) {
            case "simple" -> 1_000;
            case "complex" -> 6_000;
            default -> 2_500;
        };
    }

    public PlanTask withTitle(String v) {
        return new PlanTask(v, description, taskType, complexity, priority, dependsOn, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    public PlanTask withDescription(String v) {
        return new PlanTask(title, v, taskType, complexity, priority, dependsOn, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    public PlanTask withTaskType(String v) {
        return new PlanTask(title, description, v, complexity, priority, dependsOn, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    public PlanTask withComplexity(String v) {
        return new PlanTask(title, description, taskType, v, priority, dependsOn, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    public PlanTask withPriority(int v) {
        return new PlanTask(title, description, taskType, complexity, v, dependsOn, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    public PlanTask withDependsOn(List<JsonNode> v) {
        return new PlanTask(title, description, taskType, complexity, priority, v, tools, estimatedTokens, maxTokens, phase, provider, model);
    }

    /** {@code route} null returns the task to automatic routing. */
    public PlanTask withRoute(ModelRoute route) {
        return new PlanTask(title, description, taskType, complexity, priority, dependsOn, tools, estimatedTokens, maxTokens, phase,
                route == null ? null : route.provider(), route == null ? null : route.model());
    }
}
