package org.orchestration.core.testing;

import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouting;

/**
 * Routing for tests: planning goes to one route; tasks go to {@code provider} with the model
 * named {@code <complexity>-model} (simple-model, medium-model, complex-model).
 */
public final class FixedModelRouting implements ModelRouting {

    private final ModelRoute planning;
    private final String taskProvider;

    public FixedModelRouting(ModelRoute planning, String taskProvider) {
        this.planning = planning;
        this.taskProvider = taskProvider;
    }

    @Override
    public ModelRoute forPlanning() {
        return planning;
    }

    @Override
    public ModelRoute forTask(String taskType, String complexity) {
        return new ModelRoute(taskProvider, complexity + "-model");
    }
}
