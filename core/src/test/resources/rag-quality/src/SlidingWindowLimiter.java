package com.example.ratelimit;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/** Allows at most {@code limit} events in any window of {@code windowMillis}, remembering each event's time. */
public final class SlidingWindowLimiter {

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Deque<Long> events = new ArrayDeque<>();

    public SlidingWindowLimiter(int limit, long windowMillis, Clock clock) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** True when one more event fits in the current window; the event is then recorded. */
    public synchronized boolean tryAcquire() {
        long now = clock.millis();
        while (!events.isEmpty() && events.peekFirst() <= now - windowMillis) {
            events.pollFirst();
        }
        if (events.size() >= limit) {
            return false;
        }
        events.addLast(now);
        return true;
    }
}
