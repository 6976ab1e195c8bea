package org.orchestration.core.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orchestration.core.concurrent.DaemonThreads;
import org.orchestration.core.errors.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit on the {@link WriteConnection}: transactions of several threads that arrive while
 * the writer is busy are committed together. Whichever caller gets the write lock runs every
 * queued work, each inside its own {@code SAVEPOINT}, and commits once (at most
 * {@value #MAX_GROUP} works per commit). A failing work rolls back only its own savepoint (and
 * drops its after-commit actions); a failing COMMIT fails all of them. Works nobody waits for are
 * committed by a {@code db-committer} thread, created on first use; a drain is scheduled only when
 * none is pending (one wake-up per burst).
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** At most this many works share one commit. */
    private static final int MAX_GROUP = 64;

    private final WriteConnection writer;
    private final Queue<GroupRequest<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile ExecutorService committer;
    /** Set (under the write lock) when the database closes: queued works then fail. */
    private volatile boolean closed;

    GroupCommitter(WriteConnection writer) {
        this.writer = writer;
    }

    /** Runs {@code work} in a group commit and waits for it; the caller is in no transaction. */
    <T> T run(TransactionWork<T> work) {
        GroupRequest<T> request = new GroupRequest<>(work, null);
        queue.add(request);
        List<GroupRequest<?>> ran = new ArrayList<>();
        writer.lock();
        try {
            while (!request.done) {
                if (writer.inTransactionOnThisThread()) {
                    // the lock was re-entered from inside a transaction: cannot happen for an outermost call
                    throw new IllegalStateException("group transaction inside a transaction");
                }
                ran.addAll(runGroup());
            }
        } finally {
            writer.unlock();
            completeFutures(ran);
        }
        return request.result();
    }

    /**
     * Queues {@code work}; commits it at once on this thread when the writer is free and
     * {@code callerMayRun}, else leaves it to the committer thread. The future completes after
     * the write lock is released. The caller is in no transaction.
     */
    <T> CompletableFuture<T> submit(TransactionWork<T> work, boolean callerMayRun) {
        CompletableFuture<T> future = new CompletableFuture<>();
        GroupRequest<T> request = new GroupRequest<>(work, future);
        queue.add(request);
        if (callerMayRun && writer.tryLock()) {
            // nobody is writing: commit at once on this thread, no hand-off and no waiting
            List<GroupRequest<?>> ran = new ArrayList<>();
            try {
                while (!request.done && !closed) {
                    ran.addAll(runGroup());
                }
            } finally {
                writer.unlock();
                completeFutures(ran);
            }
            if (request.done) {
                return future;
            }
        }
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                committer().execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                drain(); // closing: commit on the caller's thread rather than lose the work
            }
        }
        return future;
    }

    private ExecutorService committer() {
        ExecutorService c = committer;
        if (c == null) {
            synchronized (this) {
                c = committer;
                if (c == null) {
                    c = Executors.newSingleThreadExecutor(DaemonThreads.named("db-committer"));
                    committer = c;
                }
            }
        }
        return c;
    }

    /** Commits every queued request (the committer's loop). */
    private void drain() {
        drainScheduled.set(false);
        while (!queue.isEmpty()) {
            List<GroupRequest<?>> ran = new ArrayList<>();
            writer.lock();
            try {
                ran.addAll(closed ? failQueued(new StorageException("The database is closed.")) : runGroup());
            } finally {
                writer.unlock();
                completeFutures(ran);
            }
        }
    }

    /**
     * First step of closing: stops the committer thread, letting a drain already scheduled finish
     * (submitted works are committed, not lost). Called without the write lock.
     */
    void stopCommitter(Duration timeout) {
        ExecutorService c = committer;
        if (c != null) {
            c.shutdown();
            try {
                if (!c.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("Pending group commits did not finish before close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Last step of closing, under the write lock: commits works still queued (submitted after the
     * committer stopped) and refuses later ones. Returns what ran, for {@link #completeFutures}
     * once the lock is released.
     */
    List<GroupRequest<?>> commitQueuedAndClose() {
        List<GroupRequest<?>> ran = new ArrayList<>();
        while (!queue.isEmpty()) {
            ran.addAll(runGroup());
        }
        closed = true;
        return ran;
    }

    /** Completes the futures of submitted works; called without the write lock. */
    static void completeFutures(List<GroupRequest<?>> ran) {
        for (GroupRequest<?> r : ran) {
            r.completeFuture();
        }
    }

    /** Caller holds the write lock. */
    private List<GroupRequest<?>> failQueued(RuntimeException why) {
        List<GroupRequest<?>> failed = new ArrayList<>();
        for (GroupRequest<?> r = queue.poll(); r != null; r = queue.poll()) {
            r.failure = why;
            r.done = true;
            failed.add(r);
        }
        return failed;
    }

    /**
     * Runs queued requests (at most {@value #MAX_GROUP}) in one transaction and returns them, for
     * the caller to complete their futures once it has released the write lock. Caller holds the
     * write lock.
     */
    private List<GroupRequest<?>> runGroup() {
        List<GroupRequest<?>> batch = new ArrayList<>();
        for (GroupRequest<?> r = queue.poll(); r != null; r = batch.size() < MAX_GROUP ? queue.poll() : null) {
            batch.add(r);
        }
        if (batch.isEmpty()) {
            return batch;
        }
        boolean single = batch.size() == 1;
        writer.begin();
        boolean committed = false;
        try {
            for (GroupRequest<?> r : batch) {
                runInSavepoint(r, single);
            }
            writer.commit();
            committed = true;
        } catch (Throwable t) {
            RuntimeException e = WriteConnection.rethrow(t);
            for (GroupRequest<?> r : batch) {
                if (r.failure == null) {
                    r.failure = e; // nothing of the group was saved
                }
            }
        } finally {
            writer.end(committed);
            for (GroupRequest<?> r : batch) {
                r.done = true;
            }
        }
        return batch;
    }

    /** One work of a group; alone in its group it needs no savepoint (its failure fails the commit). */
    private void runInSavepoint(GroupRequest<?> r, boolean single) {
        int mark = writer.afterCommitMark();
        writer.clearRollbackOnly();
        if (!single) {
            writer.exec("SAVEPOINT grp");
        }
        try {
            r.run();
            writer.failIfRollbackOnly();
            if (!single) {
                writer.exec("RELEASE grp");
            }
        } catch (Throwable t) {
            r.failure = WriteConnection.rethrow(t);
            if (single) {
                throw r.failure;
            }
            writer.exec("ROLLBACK TO grp");
            writer.exec("RELEASE grp");
            writer.dropAfterCommitSince(mark);
        } finally {
            writer.clearRollbackOnly();
        }
    }

    /**
     * One caller's work in a group commit; fields guarded by the write lock (read by
     * {@link #completeFuture} after the lock was released by the thread that set them).
     */
    static final class GroupRequest<T> {
        private final TransactionWork<T> work;
        /** Null for a caller that waits in {@link #run}. */
        private final CompletableFuture<T> future;
        private T value;
        private RuntimeException failure;
        private boolean done;

        GroupRequest(TransactionWork<T> work, CompletableFuture<T> future) {
            this.work = work;
            this.future = future;
        }

        void completeFuture() {
            if (future != null) {
                if (failure != null) {
                    future.completeExceptionally(failure);
                } else {
                    future.complete(value);
                }
            }
        }

        void run() throws Exception {
            value = work.run();
        }

        T result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
