package org.orchestration.core.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.orchestration.core.db.Database;
import org.orchestration.core.events.BudgetWarning;
import org.orchestration.core.events.EventJson;
import org.orchestration.core.model.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which budget thresholds (80 % and 100 % of the daily and the monthly limit) have been reported
 * this period, and the warnings now due. Not thread-safe: {@link BudgetManager} calls it under its
 * lock only.
 */
final class BudgetWarnings {

    private static final Logger log = LoggerFactory.getLogger(BudgetWarnings.class);
    private static final int[] THRESHOLDS = {80, 100};

    private final Set<String> warned = new HashSet<>();

    /** Loads the warnings already published since {@code monthStart} (so a restart does not repeat them). */
    void load(Database db, Instant monthStart) {
        String type = EventJson.type(BudgetWarning.class);
        List<String> payloads = db.query("SELECT payload FROM events WHERE type = ? AND created_at >= ?",
                rs -> rs.getString(1), type, monthStart);
        for (String p : payloads) {
            EventJson.read(null, type, p).ifPresentOrElse(e -> {
                BudgetWarning w = (BudgetWarning) e;
                warned.add(w.periodKey() + ":" + w.period() + ":" + w.thresholdPercent());
            }, () -> log.debug("Ignoring unreadable budget warning payload"));
        }
    }

    /** Forgets everything but the given day and month (a rollover). */
    void keepOnly(LocalDate day, YearMonth month) {
        warned.removeIf(k -> !k.startsWith(day + ":") && !k.startsWith(month + ":"));
    }

    /** Forgets the given day and month (new limits: warn again when they are reached). */
    void forget(LocalDate day, YearMonth month) {
        warned.removeIf(k -> k.startsWith(day + ":") || k.startsWith(month + ":"));
    }

    /** The warnings due for these figures and not yet reported; marks them reported. */
    List<BudgetWarning> due(LocalDate day, long daySpent, YearMonth month, long monthSpent, BudgetLimits limits) {
        List<BudgetWarning> out = new ArrayList<>();
        add(out, "daily", day.toString(), daySpent, limits.dailyMicros());
        add(out, "monthly", month.toString(), monthSpent, limits.monthlyMicros());
        return out;
    }

    private void add(List<BudgetWarning> out, String period, String periodKey, long spent, long limit) {
        for (int i = THRESHOLDS.length - 1; i >= 0; i--) {
            int t = THRESHOLDS[i];
            if (limit > 0 && spent * 100 >= (long) t * limit) {
                if (warned.add(periodKey + ":" + period + ":" + t)) {
                    // the lower threshold is implied once the higher one is reported
                    for (int j = 0; j < i; j++) {
                        warned.add(periodKey + ":" + period + ":" + THRESHOLDS[j]);
                    }
                    out.add(new BudgetWarning(period, periodKey, t, spent, limit, "You have used " + (t >= 100 ? "all" : t + " %") + " of the " + period + " budget ("
                                    + Money.format(spent) + " of " + Money.format(limit) + ")."));
                }
                return;
            }
        }
    }
}
