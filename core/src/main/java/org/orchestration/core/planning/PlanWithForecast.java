package org.orchestration.core.planning;

import java.time.Instant;
import java.util.List;
import org.orchestration.core.model.PlanStatus;

/** A plan as the window and the API show it: the stored plan (without the model's raw reply) and its cost forecast. */
public record PlanWithForecast(String id, String projectId, int version, PlanStatus status, PlanDocument body,
                               List<PlanWarning> warnings, String provider, String model, Instant createdAt,
                               Instant updatedAt, Instant approvedAt, CostForecast.Forecast forecast) {
}
