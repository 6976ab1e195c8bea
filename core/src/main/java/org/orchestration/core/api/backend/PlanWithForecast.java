package org.orchestration.core.api.backend;

import java.time.Instant;
import java.util.List;
import org.orchestration.core.model.PlanStatus;
import org.orchestration.core.planning.CostForecast;
import org.orchestration.core.planning.PlanDocument;
import org.orchestration.core.planning.PlanWarning;

/** A plan as the API shows it: the stored plan (without the model's raw reply) and its cost forecast. */
public record PlanWithForecast(String id, String projectId, int version, PlanStatus status, PlanDocument body,
                               List<PlanWarning> warnings, String provider, String model, Instant createdAt,
                               Instant updatedAt, Instant approvedAt, CostForecast.Forecast forecast) {
}
