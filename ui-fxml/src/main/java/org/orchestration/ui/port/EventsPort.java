package org.orchestration.ui.port;

import java.util.function.Consumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.Event;

/**
 * Live events of one project (or global ones when {@code projectId} is null). The listener runs
 * on the publisher's thread; the UI coalesces per frame. Closing the handle unsubscribes.
 *
 * <p>Event types the UI reads: {@code task.status} {taskId, status}, {@code task.tokens}
 * {taskId, inputTokens, outputTokens, costMicros}, {@code project.status} {status},
 * {@code project.spend} {spentMicros}, {@code log} {level, taskId?, message}.
 */
public interface EventsPort {

    AutoCloseable subscribe(User actor, String projectId, Consumer<Event> listener);
}
