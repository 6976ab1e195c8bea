package org.orchestration.core.events;

/**
 * A live subscription to {@link ProgressBus}. Closing it unsubscribes (idempotent).
 *
 * <p>Each subscription has its own bounded queue and its own delivery thread, so a slow listener
 * only delays itself. When its queue is full the oldest undelivered event is dropped and the
 * subscription is marked {@linkplain #isLagging() lagging}; a client that sees this should
 * re-read what it missed with {@link ProgressBus#replay} from the last event id it handled.
 */
public interface Subscription extends AutoCloseable {

    /** The project this subscription follows, or null for a global (all projects) one. */
    String projectId();

    /** True once at least one event was dropped because the listener could not keep up. */
    boolean isLagging();

    /** How many events were dropped for this subscriber. */
    long droppedCount();

    @Override
    void close();
}
