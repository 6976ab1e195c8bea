package org.orchestration.core.usage;

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

/**
 * The usage screen's report on {@link UsageService}: today and this month against the global
 * limits, the last {@value #DAYS} days by day, project and model; and the CSV export of the last
 * {@value #EXPORT_DAYS} days. Visibility is the usage service's: admins see everyone's spend,
 * others their own.
 */
public final class UsageReports {

    /** Days the report's breakdowns cover, up to today. */
    public static final int DAYS = 30;
    /** Days the CSV export covers, up to today. */
    public static final int EXPORT_DAYS = 366;
    static final String NO_PROJECT = "(no project)";

    private final UsageService usage;
    private final Clock clock;

    public UsageReports(UsageService usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * The report for what {@code actor} may see; {@code byDay} has one entry per day, oldest first.
     * Projects are named by their name, else their id, else {@value #NO_PROJECT}.
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public UsageReport report(User actor) {
        LocalDate today = LocalDate.now(clock);
        LocalDate from = today.minusDays(DAYS - 1);
        UsageSummary summary = usage.summary(actor, null);
        BudgetStatus budget = summary.budget();
        List<DailySpend> byDay = usage.byDay(actor, from, today).stream()
                .map(d -> new DailySpend(LocalDate.parse(d.key()), d.costMicros())).toList();
        List<NamedSpend> byProject = usage.byProject(actor, from, today).stream()
                .map(t -> new NamedSpend(projectLabel(t), t.costMicros())).toList();
        List<NamedSpend> byModel = usage.byModel(actor, from, today).stream()
                .map(t -> new NamedSpend(t.key(), t.costMicros())).toList();
        return new UsageReport(summary.today().costMicros(), budget.dailyLimitMicros(), summary.month().costMicros(),
                budget.monthlyLimitMicros(), byDay, byProject, byModel);
    }

    /**
     * Writes what {@code actor} may see of the last {@value #EXPORT_DAYS} days to {@code target} as CSV.
     *
     * @throws StorageException naming the file when it cannot be written
     */
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

    private static String projectLabel(UsageTotals t) {
        if (t.label() != null && !t.label().isBlank()) {
            return t.label();
        }
        return t.key().isEmpty() ? NO_PROJECT : t.key();
    }
}
