package org.orchestration.core.usage;

import java.time.LocalDate;

/** Spend on one day. */
public record DailySpend(LocalDate day, long micros) {
}
