package org.orchestration.core.api.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.api.backend.EventsApi;
import org.orchestration.core.auth.IssuedToken;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.events.StoredEvent;
import org.orchestration.core.events.ProgressBus;
import org.orchestration.core.projects.Project;
import org.orchestration.core.projects.ProjectService;

/** SSE tokens ({@link TokenService}, after {@link ProjectService#get}) and the event log and feed ({@link ProgressBus}). */
final class EventsAdapter implements EventsApi, EventStream {

    private final ProjectService projects;
    private final TokenService tokens;
    private final ProgressBus bus;
    private final Clock clock;

    EventsAdapter(ProjectService projects, TokenService tokens, ProgressBus bus, Clock clock) {
        this.projects = projects;
        this.tokens = tokens;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public IssuedSseToken issueSseToken(User actor, String projectId) {
        Project project = projects.get(actor, projectId);
        IssuedToken token = tokens.issueSseToken(actor, project.id(), project.ownerId());
        return new IssuedSseToken(token.token(), Duration.ofSeconds(AccountsAdapter.secondsUntil(token.expiresAt(), clock)));
    }

    /** Every missed event: the bus answers at most {@link ProgressBus#MAX_REPLAY} per call, so page until done. */
    @Override
    public List<StoredEvent> replay(User actor, String projectId, long afterEventId) {
        List<StoredEvent> all = new ArrayList<>();
        long after = afterEventId;
        while (true) {
            List<StoredEvent> page = bus.replay(actor, projectId, after, ProgressBus.MAX_REPLAY);
            all.addAll(page);
            if (page.size() < ProgressBus.MAX_REPLAY) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    @Override
    public AutoCloseable subscribe(User actor, String projectId, Consumer<StoredEvent> listener) {
        return bus.subscribeDirect(actor, projectId, listener);
    }

    @Override
    public BooleanSupplier standing(User actor) {
        Instant openedAt = clock.instant();
        return () -> tokens.mayKeepStreaming(actor.id(), openedAt);
    }
}
