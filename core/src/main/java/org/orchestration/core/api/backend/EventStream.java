package org.orchestration.core.api.backend;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.StoredEvent;

/**
 * The project event log and its live feed ({@code core.events.ProgressBus}). The stream
 * handler subscribes first, then replays, and removes duplicates by id, so a resuming client
 * gets every missed event exactly once.
 */
public interface EventStream {

    /**
     * Events of the project with {@code id > afterEventId}, oldest first, all of them.
     *
     * @param actor the user the SSE token was issued to (the bus checks owner-or-admin again)
     */
    List<StoredEvent> replay(User actor, String projectId, long afterEventId);

    /**
     * Registers a live listener for the project's events (called on the publisher's thread after
     * commit; it must not block). Closing the returned handle unsubscribes.
     *
     * @throws org.orchestration.core.errors.AppException (e.g. ConflictException or
     *         RateLimitedException) when the project already has the maximum number of subscribers;
     *         the client gets that status and message as JSON before any streaming starts
     */
    AutoCloseable subscribe(User actor, String projectId, Consumer<StoredEvent> listener);

    /**
     * A check the stream runs before each event and each heartbeat, taken when the stream opens:
     * it answers false once the actor's account is deactivated or one of its sessions is revoked
     * after this call, and the stream is then closed. It must be cheap (no query per call).
     */
    BooleanSupplier standing(User actor);
}
