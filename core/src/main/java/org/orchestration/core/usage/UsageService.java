package org.orchestration.core.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.budget.BudgetManager;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.Money;

/**
 * Spend and token reports. Every figure is computed from {@code usage_log} rows, the single source
 * of truth; nothing here keeps a counter. Days are calendar days in the zone of the injected
 * {@link Clock} (the same zone the budget uses).
 *
 * <p>Visibility: an admin sees every row; a user sees rows of the projects they own plus their own
 * rows without a project (e.g. of a deleted project).
 */
public final class UsageService {

    /** Longest range a report may cover. */
    public static final int MAX_RANGE_DAYS = 400;
    /** What {@link #byProjectThisYear} covers: this many days up to today. */
    public static final int RECENT_DAYS = 365;

    private static final String COLUMNS = "u.created_at, u.project_id, u.task_id, u.purpose, u.provider, u.model, u.input_tokens, "
            + "u.output_tokens, u.cache_read_tokens, u.cache_write_tokens, u.cost_micros, p.name";

    private final Database db;
    private final Clock clock;
    private final ZoneId zone;
    private final BudgetManager budget;

    public UsageService(Database db, Clock clock, BudgetManager budget) {
        this.db = db;
        this.clock = clock;
        this.zone = clock.getZone();
        this.budget = budget;
    }

    private record Row(long createdAt, String projectId, String taskId, String purpose, String provider, String model, long in,
                       long out, long cacheRead, long cacheWrite, long cost, String projectName) {
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getString(12));
    }

    /** Rows in [start, end) that {@code user} may see, optionally of one project. */
    private List<Row> rows(User user, String projectId, Instant start, Instant end) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM usage_log u LEFT JOIN projects p ON p.id = u.project_id WHERE u.created_at >= ? AND u.created_at < ?");
        List<Object> params = new ArrayList<>(List.of(start, end));
        if (projectId != null) {
            sql.append(" AND u.project_id = ?");
            params.add(projectId);
        }
        if (!AccessPolicy.seesAll(user)) {
            sql.append(" AND (p.owner_id = ? OR (u.project_id IS NULL AND u.user_id = ?))");
            params.add(user.id());
            params.add(user.id());
        }
        sql.append(" ORDER BY u.created_at, u.id");
        return db.query(sql.toString(), UsageService::map, params.toArray());
    }

    private Instant startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    private void checkRange(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new ValidationException(from == null ? "from" : "to", "Both ends of the date range are required.");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("to", "The end date is before the start date.");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw new ValidationException("from", "A report covers at most " + MAX_RANGE_DAYS + " days.");
        }
    }

    /**
     * Spend and tokens per calendar day from {@code from} to {@code to} inclusive (days without
     * usage included with zeros), over what the user may see.
     *
     * @throws ValidationException for a missing, reversed or too long range
     */
    public List<UsageTotals> byDay(User user, LocalDate from, LocalDate to) {
        AccessPolicy.requireUser(user);
        checkRange(from, to);
        Map<String, UsageTotals> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d.toString(), UsageTotals.empty(d.toString(), d.toString()));
        }
        for (Row r : rows(user, null, startOf(from), startOf(to.plusDays(1)))) {
            String day = Instant.ofEpochMilli(r.createdAt()).atZone(zone).toLocalDate().toString();
            days.computeIfPresent(day, (k, t) -> add(t, r));
        }
        return List.copyOf(days.values());
    }

    /** {@link #byProject} over the last {@value #RECENT_DAYS} days up to today ({@code GET /api/usage/by-project}). */
    public List<UsageTotals> byProjectThisYear(User user) {
        LocalDate today = LocalDate.now(clock);
        return byProject(user, today.minusDays(RECENT_DAYS - 1L), today);
    }

    /** Spend per project (key = project id, label = its name; "(no project)" for rows without one), largest first. */
    public List<UsageTotals> byProject(User user, LocalDate from, LocalDate to) {
        return grouped(user, from, to, r -> r.projectId() == null ? "" : r.projectId(),
                r -> r.projectId() == null ? "(no project)" : (r.projectName() == null ? r.projectId() : r.projectName()));
    }

    /** Spend per model (label = provider), largest first. */
    public List<UsageTotals> byModel(User user, LocalDate from, LocalDate to) {
        return grouped(user, from, to, Row::model, Row::provider);
    }

    /** Spend per purpose: "plan", "task", "embedding", largest first. */
    public List<UsageTotals> byPurpose(User user, LocalDate from, LocalDate to) {
        return grouped(user, from, to, Row::purpose, Row::purpose);
    }

    private List<UsageTotals> grouped(User user, LocalDate from, LocalDate to, Function<Row, String> key,
                                      Function<Row, String> label) {
        AccessPolicy.requireUser(user);
        checkRange(from, to);
        Map<String, UsageTotals> groups = new LinkedHashMap<>();
        for (Row r : rows(user, null, startOf(from), startOf(to.plusDays(1)))) {
            groups.compute(key.apply(r), (k, t) -> add(t == null ? UsageTotals.empty(k, label.apply(r)) : t, r));
        }
        List<UsageTotals> out = new ArrayList<>(groups.values());
        out.sort((a, b) -> Long.compare(b.costMicros(), a.costMicros()));
        return out;
    }

    private static UsageTotals add(UsageTotals t, Row r) {
        return t.plus(r.cost(), r.in(), r.out(), r.cacheRead(), r.cacheWrite());
    }

    /**
     * Today and this month for everything the user may see, or for one project, next to the
     * global budget status.
     *
     * @param projectId null for everything visible
     * @throws NotFoundException when the project does not exist
     * @throws org.orchestration.core.errors.ForbiddenException when the user is neither its owner nor an admin
     */
    public UsageSummary summary(User user, String projectId) {
        AccessPolicy.requireUser(user);
        Long projectLimit = null;
        Long projectTotal = null;
        if (projectId != null) {
            List<Object[]> p = db.query("SELECT owner_id, budget_limit_micros FROM projects WHERE id = ?",
                    rs -> new Object[] {rs.getString(1), rs.getObject(2)}, projectId);
            if (p.isEmpty()) {
                throw new NotFoundException("Project not found.");
            }
            AccessPolicy.requireOwnerOrAdmin(user, (String) p.get(0)[0], "project");
            projectLimit = p.get(0)[1] == null ? null : ((Number) p.get(0)[1]).longValue();
            projectTotal = db.queryLong("SELECT COALESCE(SUM(cost_micros), 0) FROM usage_log WHERE project_id = ?", projectId);
        }
        LocalDate today = LocalDate.now(clock);
        Instant monthStart = startOf(YearMonth.from(today).atDay(1));
        Instant dayStart = startOf(today);
        UsageTotals day = UsageTotals.empty(today.toString(), "today");
        UsageTotals month = UsageTotals.empty(YearMonth.from(today).toString(), "this month");
        for (Row r : rows(user, projectId, monthStart, startOf(today.plusDays(1)))) {
            month = add(month, r);
            if (r.createdAt() >= dayStart.toEpochMilli()) {
                day = add(day, r);
            }
        }
        return new UsageSummary(projectId, day, month, budget.status(user), projectLimit, projectTotal);
    }

    /**
     * Writes every visible usage row from {@code from} to {@code to} inclusive as CSV (header
     * first; cost in USD; instants ISO-8601 UTC). Cells that a spreadsheet would read as a formula
     * are prefixed with an apostrophe.
     */
    public void exportCsv(User user, LocalDate from, LocalDate to, Writer out) {
        AccessPolicy.requireUser(user);
        checkRange(from, to);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader("time", "project_id", "project", "task_id", "purpose", "provider",
                "model", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cost_usd").get();
        try {
            CSVPrinter csv = new CSVPrinter(out, format);
            for (Row r : rows(user, null, startOf(from), startOf(to.plusDays(1)))) {
                csv.printRecord(Instant.ofEpochMilli(r.createdAt()).toString(), safe(r.projectId()), safe(r.projectName()),
                        safe(r.taskId()), r.purpose(), safe(r.provider()), safe(r.model()), r.in(), r.out(), r.cacheRead(),
                        r.cacheWrite(), Money.microsToUsd(r.cost()).toPlainString());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the usage export", e);
        }
    }

    private static String safe(String cell) {
        if (cell == null) {
            return "";
        }
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
