package org.orchestration.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects items offered from any thread and applies them in one batch per frame, so a burst
 * of hundreds of events costs one list update, not hundreds.
 */
public final class FrameCoalescer<E> {

    private final FrameScheduler frames;
    private final Consumer<List<E>> apply;
    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public FrameCoalescer(FrameScheduler frames, Consumer<List<E>> apply) {
        this.frames = frames;
        this.apply = apply;
    }

    /** Thread-safe. */
    public void offer(E item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            frames.requestFrame(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        List<E> batch = new ArrayList<>();
        for (E e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            apply.accept(batch);
        }
    }
}
