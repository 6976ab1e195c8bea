package org.orchestration.ui.port;

import java.util.List;

/**
 * A task of a draft or approved plan. {@code key} is unique within the plan and is what
 * {@code dependsOn} refers to. Cost forecast is a low/high range in micro-dollars.
 */
public record PlannedTask(String key, String title, String description, String taskType, String complexity,
                          String model, List<String> dependsOn, long costLowMicros, long costHighMicros) {

    public PlannedTask {
        dependsOn = List.copyOf(dependsOn);
    }
}
