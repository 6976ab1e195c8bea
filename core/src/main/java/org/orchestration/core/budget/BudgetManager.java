package org.orchestration.core.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.events.BudgetLimitsChanged;
import org.orchestration.core.events.BudgetWarning;
import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.model.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget: reserve before a provider call, record the actual usage afterwards (which releases
 * the reservation), or release the reservation when no call was made.
 *
 * <p><b>Never overspends.</b> Every check and every change of the held amounts happens under one
 * {@link ReentrantLock}: a reservation is admitted only when {@code spent + reserved + amount <=
 * limit} for the daily, the monthly and (when the project has one) the project limit. Spent
 * figures are sums of committed {@code usage_log} rows (the single source of truth): they are
 * loaded from the table at the first use, on every period rollover and at least every
 * {@link #SPENT_REFRESH_MILLIS} ms, and between loads advanced by {@link #record}, the only
 * writer of usage rows, once its row has committed.
 *
 * <p><b>In-flight cost is never dropped.</b> At every instant, for each limit, {@code loaded spend
 * + held >= the spend the committed rows will add up to}: a reservation stays held until its usage
 * row commits (raised to the actual cost if that is higher), and the commit moves the amount from
 * held to spent in one step under the lock, counting it only when the last reload did not already
 * see the row (its max id is below the row's). A rolled-back row counts nothing and its
 * reservation stays held until released.
 *
 * <p><b>Periods</b> start at local midnight and on the first of the month in the zone of the
 * injected {@link Clock} (the system zone in production).
 *
 * <p><b>Reservations and rollover (bounded staleness).</b> Reservations are held in memory only
 * (a restart forgets them, which is right: the calls they covered died with the process). On a
 * period rollover the spent figures restart from the new period's rows. A reservation still in
 * flight at the rollover keeps counting in the new period, because its usage row will be written
 * there — this avoids the overspend of the old "reset to zero" approach, whose error was bounded by
 * concurrency x one round's estimate. What the rollover does reset is leaks: reservations older
 * than {@link #MAX_RESERVATION_AGE_MILLIS} (longer than any provider timeout) are dropped, so a
 * caller that forgot to release can hold budget for at most one period plus that age.
 *
 * <p><b>Lock order.</b> The budget lock is never held while waiting for the database write lock:
 * reads use read connections and the usage row is written before the lock is taken. The
 * after-commit step takes the budget lock while the committing thread still holds the write lock,
 * which is the allowed order. Events and listeners run after the budget lock is released.
 */
public final class BudgetManager implements SpendGate {

    private static final Logger log = LoggerFactory.getLogger(BudgetManager.class);

    public static final String DAILY_LIMIT_KEY = "budget.daily_limit_usd";
    public static final String MONTHLY_LIMIT_KEY = "budget.monthly_limit_usd";
    /** Spent figures are reloaded from usage_log at least this often. */
    public static final long SPENT_REFRESH_MILLIS = 30_000;
    /** At a rollover, reservations older than this are treated as leaked and dropped. */
    public static final long MAX_RESERVATION_AGE_MILLIS = 30 * 60_000;

    private final Database db;
    private final SettingsStore settings;
    private final EventPublisher events;
    private final Clock clock;
    private final AppConfig.Budget defaults;
    private final ZoneId zone;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    // ---- guarded by lock
    private final Map<String, Reservation> held = new LinkedHashMap<>();
    private final Map<String, Long> reservedByProject = new HashMap<>();
    private final Map<String, Spent> projectSpent = new HashMap<>();
    private final BudgetWarnings warned = new BudgetWarnings();
    private long reservedTotal;
    private LocalDate day;
    private YearMonth month;
    private long daySpent;
    private long monthSpent;
    private long lastLoad;
    /** Highest usage_log id included in daySpent/monthSpent: record adds only rows above it. */
    private long loadedMaxId;

    /** A project's spend and the highest usage_log id it includes. */
    private record Spent(long micros, long maxId) {
    }

    public BudgetManager(Database db, SettingsStore settings, EventPublisher events, Clock clock, AppConfig.Budget defaults) {
        this.db = db;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.defaults = defaults;
        this.zone = clock.getZone();
    }

    /**
     * Registers an action run (on the calling thread, after the budget lock is released) whenever
     * budget may have become free: a reservation released or recorded, limits changed.
     * Returns a handle that unregisters it.
     */
    public Runnable onBudgetFreed(Runnable action) {
        listeners.add(action);
        return () -> listeners.remove(action);
    }

    // ------------------------------------------------------------------ SpendGate

    /**
     * Holds {@code request.amountMicros()} against the daily, monthly and project limits. A zero
     * amount (a free model) is always granted, even when a limit is already used up.
     *
     * @throws BudgetExceededException naming the limit that would be passed; nothing is held then
     */
    @Override
    public Reservation reserve(SpendRequest request) {
        long amount = request.amountMicros();
        if (amount == 0) {
            // a free call (local or simulated model) spends nothing: never refused, nothing held
            return new Reservation(UUID.randomUUID().toString(), request.projectId(), 0, Instant.ofEpochMilli(clock.millis()));
        }
        Long projectLimit = request.projectId() == null ? null : projectLimit(request.projectId());
        BudgetLimits limits = limits();
        lock.lock();
        try {
            long now = clock.millis();
            refresh(now);
            check("daily", daySpent, reservedTotal, amount, limits.dailyMicros());
            check("monthly", monthSpent, reservedTotal, amount, limits.monthlyMicros());
            if (projectLimit != null) {
                long spent = projectSpent.computeIfAbsent(request.projectId(), this::loadProjectSpent).micros();
                check("project", spent, reservedByProject.getOrDefault(request.projectId(), 0L), amount, projectLimit);
            }
            Reservation r = new Reservation(UUID.randomUUID().toString(), request.projectId(), amount, Instant.ofEpochMilli(now));
            hold(r);
            return r;
        } finally {
            lock.unlock();
        }
    }

    private static void check(String which, long spent, long reserved, long amount, long limit) {
        if (spent + reserved + amount > limit) {
            throw new BudgetExceededException("The " + which + " budget of " + Money.format(limit) + " would be exceeded (spent "
                    + Money.format(spent) + ", reserved " + Money.format(reserved) + ", this call needs about "
                    + Money.format(amount) + ").");
        }
    }

    /**
     * Inserts the usage row ({@code ON CONFLICT(idempotency_key) DO NOTHING}: a replay is ignored)
     * and, once that row has committed, counts its cost as spent and releases the reservation in
     * one step under the budget lock. Joins the caller's transaction if one is open: until it
     * commits the reservation stays held (raised to the actual cost should that be higher), so a
     * reload of the spent sums, which cannot see the uncommitted row, never drops the cost from
     * the check. Should the transaction roll back, the reservation stays held until
     * {@link #release} (the caller's failure path).
     *
     * @return true when the row was new
     * @throws ValidationException when the cost is negative
     */
    @Override
    public boolean record(Reservation reservation, UsageRecord usage) {
        if (usage.costMicros() < 0) {
            throw new ValidationException("costMicros", "cost must not be negative");
        }
        long rowId = insertUsage(usage, clock.millis());
        boolean inserted = rowId > 0;
        String holdId = reservation != null ? reservation.id() : "usage:" + usage.idempotencyKey();
        if (inserted && usage.costMicros() > 0 && db.inTransactionOnThisThread()) {
            holdUntilCommit(holdId, usage);
        }
        // at once when no transaction is open on this thread; dropped with a rolled-back transaction or savepoint
        db.afterCommit(() -> {
            settle(holdId, usage, inserted ? rowId : 0);
            publishDueWarnings();
            fireFreed();
        });
        return inserted;
    }

    /** Keeps at least the actual cost held under {@code holdId} while the usage row is uncommitted. */
    private void holdUntilCommit(String holdId, UsageRecord usage) {
        lock.lock();
        try {
            Reservation r = held.get(holdId);
            if (r != null && r.amountMicros() >= usage.costMicros()) {
                return;
            }
            if (r != null) {
                unhold(holdId);
            }
            hold(new Reservation(holdId, r != null ? r.projectId() : usage.projectId(), usage.costMicros(),
                    Instant.ofEpochMilli(clock.millis())));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The committed usage row becomes spent and its hold is released, atomically. A reload that
     * already saw the row (its max id is at or above the row's) has counted it: it is not added
     * twice. {@code rowId} is 0 for a replayed key (nothing new was spent).
     */
    private void settle(String holdId, UsageRecord usage, long rowId) {
        lock.lock();
        try {
            refresh(clock.millis());
            if (rowId > 0 && rowId > loadedMaxId) {
                daySpent += usage.costMicros();
                monthSpent += usage.costMicros();
            }
            if (rowId > 0 && usage.projectId() != null) {
                projectSpent.computeIfPresent(usage.projectId(),
                        (k, v) -> rowId > v.maxId() ? new Spent(v.micros() + usage.costMicros(), v.maxId()) : v);
            }
            unhold(holdId);
        } finally {
            lock.unlock();
        }
    }

    private void publishDueWarnings() {
        BudgetLimits limits = limits();
        List<BudgetWarning> warnings;
        lock.lock();
        try {
            refresh(clock.millis());
            warnings = warned.due(day, daySpent, month, monthSpent, limits);
        } finally {
            lock.unlock();
        }
        warnings.forEach(events::publish);
    }

    /** Inserts the usage row; returns its id, or 0 when the idempotency key was already recorded. */
    private long insertUsage(UsageRecord usage, long now) {
        List<Long> ids = db.writeQuery("INSERT INTO usage_log (idempotency_key, user_id, project_id, "
                        + "task_id, purpose, provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
                        + "cost_micros, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                rs -> rs.getLong(1), usage.idempotencyKey(), usage.userId(), usage.projectId(), usage.taskId(),
                usage.purpose().dbValue(), usage.provider(), usage.model(), usage.tokens().inputTokens(),
                usage.tokens().outputTokens(), usage.tokens().cacheReadTokens(), usage.tokens().cacheWriteTokens(),
                usage.costMicros(), now);
        return ids.isEmpty() ? 0L : ids.get(0);
    }

    /** Gives the reservation back. Idempotent; unknown or already released ids are ignored. */
    @Override
    public void release(Reservation reservation) {
        if (reservation == null) {
            return;
        }
        boolean released;
        lock.lock();
        try {
            released = unhold(reservation.id());
        } finally {
            lock.unlock();
        }
        if (released) {
            fireFreed();
        }
    }

    private void hold(Reservation r) {
        held.put(r.id(), r);
        reservedTotal += r.amountMicros();
        if (r.projectId() != null) {
            reservedByProject.merge(r.projectId(), r.amountMicros(), Long::sum);
        }
    }

    private boolean unhold(String id) {
        Reservation r = held.remove(id);
        if (r == null) {
            return false;
        }
        reservedTotal -= r.amountMicros();
        if (r.projectId() != null) {
            reservedByProject.computeIfPresent(r.projectId(), (k, v) -> v - r.amountMicros() <= 0 ? null : v - r.amountMicros());
        }
        return true;
    }

    // ------------------------------------------------------------------ periods

    /**
     * Rolls periods over and reloads spent sums when due. Caller holds the lock. A reload sees only
     * committed rows; a usage row still uncommitted stays covered by its hold (see {@link #record}).
     */
    private void refresh(long now) {
        if (day != null && db.inTransactionOnThisThread()) {
            // a read on this thread would see its own uncommitted rows (and their ids, which a rollback
            // frees for reuse): keep the loaded figures, which are on the safe side, until outside
            return;
        }
        LocalDate today = Instant.ofEpochMilli(now).atZone(zone).toLocalDate();
        YearMonth thisMonth = YearMonth.from(today);
        boolean rolled = day != null && (!today.equals(day) || !thisMonth.equals(month));
        if (day == null) {
            warned.load(db, monthStart(thisMonth));
        }
        if (rolled) {
            dropLeakedReservations(now);
            warned.keepOnly(today, thisMonth);
        }
        if (day == null || rolled || now - lastLoad >= SPENT_REFRESH_MILLIS || now < lastLoad) {
            day = today;
            month = thisMonth;
            loadSpent(dayStart(today), monthStart(thisMonth));
            projectSpent.clear();
            lastLoad = now;
        }
    }

    private void dropLeakedReservations(long now) {
        List<String> stale = new ArrayList<>();
        for (Reservation r : held.values()) {
            if (now - r.at().toEpochMilli() > MAX_RESERVATION_AGE_MILLIS) {
                stale.add(r.id());
            }
        }
        if (!stale.isEmpty()) {
            log.warn("Dropping {} reservation(s) never released within {} min", stale.size(), MAX_RESERVATION_AGE_MILLIS / 60_000);
            stale.forEach(this::unhold);
        }
    }

    private Instant dayStart(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    private Instant monthStart(YearMonth m) {
        return m.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Day sum, month sum and the max id in one statement, so all three come from one snapshot. */
    private void loadSpent(Instant dayStart, Instant monthStart) {
        long[] r = db.queryOne("SELECT COALESCE(SUM(CASE WHEN created_at >= ? THEN cost_micros END), 0), "
                        + "COALESCE(SUM(cost_micros), 0), (SELECT COALESCE(MAX(id), 0) FROM usage_log) "
                        + "FROM usage_log WHERE created_at >= ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, dayStart, monthStart).orElseThrow();
        daySpent = r[0];
        monthSpent = r[1];
        loadedMaxId = r[2];
    }

    private Spent loadProjectSpent(String projectId) {
        return db.queryOne("SELECT COALESCE(SUM(cost_micros), 0), (SELECT COALESCE(MAX(id), 0) FROM usage_log) "
                + "FROM usage_log WHERE project_id = ?", rs -> new Spent(rs.getLong(1), rs.getLong(2)), projectId).orElseThrow();
    }

    // ------------------------------------------------------------------ limits

    /** The global limits now in force (settings, falling back to the configured defaults). */
    public BudgetLimits limits() {
        double daily = settings.get(DAILY_LIMIT_KEY, Double.class, defaults.dailyLimitUsd());
        double monthly = settings.get(MONTHLY_LIMIT_KEY, Double.class, defaults.monthlyLimitUsd());
        return new BudgetLimits(Money.usdToMicros(daily), Money.usdToMicros(monthly));
    }

    private Long projectLimit(String projectId) {
        List<Long> rows = db.query("SELECT budget_limit_micros FROM projects WHERE id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }, projectId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Sets the global limits in USD. Admin only.
     *
     * @throws org.orchestration.core.errors.ForbiddenException for non-admins
     * @throws ValidationException naming the field when a limit is negative or not a number
     */
    public void setLimits(User actor, double dailyUsd, double monthlyUsd) {
        AccessPolicy.requireAdmin(actor);
        requireAmount("dailyLimitUsd", dailyUsd);
        requireAmount("monthlyLimitUsd", monthlyUsd);
        db.inTransaction(() -> {
            settings.put(DAILY_LIMIT_KEY, dailyUsd);
            settings.put(MONTHLY_LIMIT_KEY, monthlyUsd);
            events.publish(new BudgetLimitsChanged(Money.usdToMicros(dailyUsd), Money.usdToMicros(monthlyUsd)));
        });
        lock.lock();
        try {
            // new limits, new thresholds: warn again when they are reached
            if (day != null) {
                warned.forget(day, month);
            }
        } finally {
            lock.unlock();
        }
        fireFreed();
    }

    /**
     * Applies {@code patch} to the global limits (a limit not given keeps its value) as {@link #setLimits}
     * does, and answers the status afterwards. Admin only.
     */
    public BudgetStatus update(User actor, BudgetPatch patch) {
        BudgetLimits now = limits();
        long daily = patch.dailyLimitMicros() != null ? patch.dailyLimitMicros() : now.dailyMicros();
        long monthly = patch.monthlyLimitMicros() != null ? patch.monthlyLimitMicros() : now.monthlyMicros();
        setLimits(actor, Money.microsToUsd(daily).doubleValue(), Money.microsToUsd(monthly).doubleValue());
        return status(actor);
    }

    /**
     * Sets (or with null clears) a project's own limit in micro-dollars, counted against all of
     * the project's spend. Owner or admin.
     *
     * @throws NotFoundException when the project does not exist
     * @throws ValidationException when the limit is negative
     */
    public void setProjectLimit(User actor, String projectId, Long limitMicros) {
        String owner = db.queryOne("SELECT owner_id FROM projects WHERE id = ?", rs -> rs.getString(1), projectId)
                .orElseThrow(() -> new NotFoundException("Project not found."));
        AccessPolicy.requireOwnerOrAdmin(actor, owner, "project");
        if (limitMicros != null && limitMicros < 0) {
            throw new ValidationException("budgetLimitMicros", "The project budget must not be negative.");
        }
        db.update("UPDATE projects SET budget_limit_micros = ?, updated_at = ? WHERE id = ?", limitMicros, clock.millis(), projectId);
        fireFreed();
    }

    private static void requireAmount(String field, double usd) {
        if (Double.isNaN(usd) || Double.isInfinite(usd) || usd < 0) {
            throw new ValidationException(field, "The limit must be a number of dollars, 0 or more.");
        }
        if (usd > 1_000_000_000) {
            throw new ValidationException(field, "The limit is too large.");
        }
    }

    /**
     * Spent, reserved and limits for today and this month. Any signed-in user may see them (the
     * limits are global); per-user spend lives in {@code UsageService}.
     */
    public BudgetStatus status(User actor) {
        AccessPolicy.requireUser(actor);
        return snapshot();
    }

    /** {@link #status} without an acting user, for engine-internal callers. */
    public BudgetStatus snapshot() {
        BudgetLimits limits = limits();
        lock.lock();
        try {
            refresh(clock.millis());
            return new BudgetStatus(daySpent, reservedTotal, limits.dailyMicros(), monthSpent, reservedTotal,
                    limits.monthlyMicros(), dayStart(day), monthStart(month));
        } finally {
            lock.unlock();
        }
    }

    /** Sum of all currently held reservations (tests and diagnostics). */
    public long reservedMicros() {
        lock.lock();
        try {
            return reservedTotal;
        } finally {
            lock.unlock();
        }
    }

    private void fireFreed() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("A budget listener failed: {}", e.toString());
            }
        }
    }
}
