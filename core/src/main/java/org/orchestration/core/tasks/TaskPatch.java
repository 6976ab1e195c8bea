package org.orchestration.core.tasks;

/**
 * A partial update of a task (null = unchanged). Bounds: see {@link Bounds}; {@code model} must be
 * one the task's provider can run and the budget can price ({@link org.orchestration.core.llm.ModelCatalog}).
 */
public record TaskPatch(String title, String description, Integer priority, Integer maxTokens, String model) {

    /** An update that leaves the model as it is. */
    public TaskPatch(String title, String description, Integer priority, Integer maxTokens) {
        this(title, description, priority, maxTokens, null);
    }
}
