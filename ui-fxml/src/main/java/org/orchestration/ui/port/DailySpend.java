package org.orchestration.ui.port;

import java.time.LocalDate;

/** Spend on one day. */
public record DailySpend(LocalDate day, long micros) {
}
