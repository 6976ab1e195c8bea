package org.orchestration.core.planning;

import java.util.List;

/**
 * A task of a plan as plan review shows it.
 *
 * @param index     the task's 0-based position in the plan (what edits and {@code dependsOn} use)
 * @param model     the model it will run on (its own choice, else the router's)
 * @param dependsOn 0-based positions of the tasks it waits on, each once
 */
public record PlannedTask(int index, String title, String description, String taskType, String complexity,
                          String model, List<Integer> dependsOn, long costLowMicros, long costHighMicros) {

    public PlannedTask {
        dependsOn = List.copyOf(dependsOn);
    }

    /** The 1-based number the window shows. */
    public int number() {
        return index + 1;
    }
}
