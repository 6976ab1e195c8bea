package org.orchestration.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orchestration.core.budget.Reservation;
import org.orchestration.core.budget.SpendGate;
import org.orchestration.core.budget.SpendRequest;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.BudgetExceededException;

/**
 * A {@link SpendGate} for tests: grants every reservation up to an optional limit, writes usage
 * rows to the real {@code usage_log} (idempotent on the key) and records what happened.
 */
public final class RecordingSpendGate implements SpendGate {

    private final Database db;
    private final long limitMicros;
    public final List<Reservation> reserved = new CopyOnWriteArrayList<>();
    public final List<Reservation> released = new CopyOnWriteArrayList<>();
    public final List<UsageRecord> recorded = new CopyOnWriteArrayList<>();

    public RecordingSpendGate(Database db) {
        this(db, Long.MAX_VALUE);
    }

    /** Refuses any single reservation above {@code limitMicros}. */
    public RecordingSpendGate(Database db, long limitMicros) {
        this.db = db;
        this.limitMicros = limitMicros;
    }

    @Override
    public Reservation reserve(SpendRequest request) {
        if (request.amountMicros() > limitMicros) {
            throw new BudgetExceededException("The test budget of " + limitMicros + " micro-dollars would be passed.");
        }
        Reservation r = new Reservation(UUID.randomUUID().toString(), request.projectId(), request.amountMicros(), Instant.now());
        reserved.add(r);
        return r;
    }

    @Override
    public boolean record(Reservation reservation, UsageRecord u) {
        recorded.add(u);
        released.add(reservation);
        return db.update("INSERT OR IGNORE INTO usage_log (idempotency_key, user_id, project_id, task_id, purpose, provider, model, "
                        + "input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_micros, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.idempotencyKey(), u.userId(), u.projectId(), u.taskId(), u.purpose().dbValue(), u.provider(), u.model(),
                u.tokens().inputTokens(), u.tokens().outputTokens(), u.tokens().cacheReadTokens(),
                u.tokens().cacheWriteTokens(), u.costMicros(), Instant.now()) == 1;
    }

    @Override
    public void release(Reservation reservation) {
        released.add(reservation);
    }

    /** Reservations neither recorded nor released. */
    public long outstanding() {
        return reserved.stream().filter(r -> !released.contains(r)).count();
    }
}
