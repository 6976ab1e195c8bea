package org.orchestration.ui.project;

import org.orchestration.core.model.ProjectStatus;

/** Which part of the project screen leads: writing requirements, reviewing a plan, or the run. */
public enum ProjectStage {
    REQUIREMENTS, PLAN_REVIEW, RUN;

    public static ProjectStage of(ProjectStatus status) {
        return switch (status) {
            case DRAFT, PLANNING -> REQUIREMENTS;
            case PLANNED -> PLAN_REVIEW;
            default -> RUN;
        };
    }
}
