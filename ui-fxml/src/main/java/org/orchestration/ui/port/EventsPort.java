package org.orchestration.ui.port;

import java.util.function.Consumer;
import org.orchestration.core.auth.User;

/**
 * Live events of one project (or global ones when {@code projectId} is null). The listener runs
 * on the publisher's thread; the UI coalesces per frame. Closing the handle unsubscribes.
 *
 * <p>The engine's events arrive as {@link LiveEvent.Engine}, except that a {@code TaskProgress}
 * carries the task's running totals (tokens and cost) instead of one call's, and is followed by
 * a {@link LiveEvent.Spend}; status changes of a project's tasks are followed by a
 * {@code LogMessage} telling them for the run log.
 */
public interface EventsPort {

    AutoCloseable subscribe(User actor, String projectId, Consumer<LiveEvent> listener);
}
