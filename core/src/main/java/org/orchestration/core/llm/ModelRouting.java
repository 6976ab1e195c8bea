package org.orchestration.core.llm;

/** Chooses provider + model for planning and for each task, from settings with sensible defaults. */
public interface ModelRouting {

    ModelRoute forPlanning();

    /**
     * @param taskType   e.g. "code", "research", "writing", "analysis", "local"
     * @param complexity "simple" | "medium" | "complex"
     */
    ModelRoute forTask(String taskType, String complexity);
}
