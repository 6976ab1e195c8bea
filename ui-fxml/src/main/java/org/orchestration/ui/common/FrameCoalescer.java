package org.orchestration.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Collects items offered from any thread and applies them in one batch per frame, so a burst
 * of hundreds of events costs one list update, not hundreds. An optional minimum interval
 * spaces batches further apart (token counters need not repaint 60 times a second; the
 * software renderer on small machines cannot afford it).
 */
public final class FrameCoalescer<E> {

    private final FrameScheduler frames;
    private final Consumer<List<E>> apply;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private long lastApply = Long.MIN_VALUE;

    public FrameCoalescer(FrameScheduler frames, Consumer<List<E>> apply) {
        this(frames, apply, 0, System::nanoTime);
    }

    public FrameCoalescer(FrameScheduler frames, Consumer<List<E>> apply, long minIntervalNanos, LongSupplier nanoTime) {
        this.frames = frames;
        this.apply = apply;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoTime = nanoTime;
    }

    /** Thread-safe. */
    public void offer(E item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            frames.requestFrame(this::drain);
        }
    }

    private void drain() {
        long now = nanoTime.getAsLong();
        if (lastApply != Long.MIN_VALUE && now - lastApply < minIntervalNanos) {
            frames.requestFrame(this::drain); // too soon: try again next frame, keep collecting
            return;
        }
        scheduled.set(false);
        List<E> batch = new ArrayList<>();
        for (E e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            lastApply = now;
            apply.accept(batch);
        }
    }
}
