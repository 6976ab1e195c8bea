package org.orchestration.ui.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetStatus;
import org.orchestration.core.errors.StorageException;
import org.orchestration.core.usage.UsageService;
import org.orchestration.core.usage.UsageSummary;
import org.orchestration.core.usage.UsageTotals;
import org.orchestration.ui.port.DailySpend;
import org.orchestration.ui.port.NamedSpend;
import org.orchestration.ui.port.UsagePort;
import org.orchestration.ui.port.UsageReport;

/** {@link UsagePort} on {@link UsageService}: the last 30 days, today and this month against the limits. */
public final class UsageAdapter implements UsagePort {

    public static final int DAYS = 30;
    /** The CSV export covers the last year. */
    static final int EXPORT_DAYS = 366;

    private final UsageService usage;
    private final Clock clock;

    UsageAdapter(UsageService usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @Override
    public UsageReport report(User actor) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(DAYS - 1);
        UsageSummary summary = usage.summary(actor, null);
        BudgetStatus budget = summary.budget();
        List<DailySpend> byDay = usage.byDay(actor, from, today).stream()
                .map(d -> new DailySpend(LocalDate.parse(d.key()), d.costMicros())).toList();
        List<NamedSpend> byProject = named(usage.byProject(actor, from, today), true);
        List<NamedSpend> byModel = named(usage.byModel(actor, from, today), false);
        return new UsageReport(summary.today().costMicros(), budget.dailyLimitMicros(), summary.month().costMicros(),
                budget.monthlyLimitMicros(), byDay, byProject, byModel);
    }

    private static List<NamedSpend> named(List<UsageTotals> totals, boolean byLabel) {
        return totals.stream()
                .map(t -> new NamedSpend(byLabel ? label(t) : t.key(), t.costMicros()))
                .toList();
    }

    private static String label(UsageTotals t) {
        if (t.label() != null && !t.label().isBlank()) {
            return t.label();
        }
        return t.key().isEmpty() ? "(no project)" : t.key();
    }

    @Override
    public void exportCsv(User actor, Path target) {
        LocalDate today = LocalDate.now(clock);
        try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            usage.exportCsv(actor, today.minusDays(EXPORT_DAYS - 1), today, out);
        } catch (IOException e) {
            throw new StorageException("Could not write " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new StorageException("Could not write " + target + ": " + e.getCause().getMessage(), e);
        }
    }
}
