package org.orchestration.core.usage;

import java.util.List;

/** Spend today and this month against the limits (0 = no limit), plus breakdowns for charts. */
public record UsageReport(long todayMicros, long dailyLimitMicros, long monthMicros, long monthlyLimitMicros,
                          List<DailySpend> byDay, List<NamedSpend> byProject, List<NamedSpend> byModel) {

    public UsageReport {
        byDay = List.copyOf(byDay);
        byProject = List.copyOf(byProject);
        byModel = List.copyOf(byModel);
    }

    public boolean isEmpty() {
        return monthMicros == 0 && byDay.stream().allMatch(d -> d.micros() == 0);
    }
}
