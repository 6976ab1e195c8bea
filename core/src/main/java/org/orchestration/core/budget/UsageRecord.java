package org.orchestration.core.budget;

import org.orchestration.core.llm.TokenUsage;
import org.orchestration.core.model.Purpose;

/**
 * One provider call's actual usage, written to {@code usage_log}. The idempotency key names the
 * call (e.g. {@code task:<id>:<attempt>:<round>} or {@code plan:<planId>}), so a replay after a
 * crash never double-counts.
 */
public record UsageRecord(String idempotencyKey, String userId, String projectId, String taskId, Purpose purpose,
                          String provider, String model, TokenUsage tokens, long costMicros) {
}
