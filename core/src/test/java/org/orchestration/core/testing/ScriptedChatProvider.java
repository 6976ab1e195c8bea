package org.orchestration.core.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.llm.TokenUsage;

/**
 * A deterministic {@link ChatProvider} for tests: answers each call with the next scripted reply
 * (text, a function of the request, or a thrown exception) and records every request.
 */
public final class ScriptedChatProvider implements ChatProvider {

    /** Usage reported for each scripted text reply. */
    public static final TokenUsage USAGE = new TokenUsage(1_000, 500, 0, 0);

    private final String id;
    private final Deque<Function<ChatRequest, ChatResponse>> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedChatProvider(String id) {
        this.id = id;
    }

    /** Queues a plain text reply that ends the turn. */
    public synchronized ScriptedChatProvider reply(String text) {
        return reply(text, StopReason.END_TURN);
    }

    public synchronized ScriptedChatProvider reply(String text, StopReason stop) {
        script.add(req -> new ChatResponse(req.model(), List.of(new ContentBlock.Text(text)), USAGE, stop));
        return this;
    }

    /** Queues a reply computed from the request (for instance one that waits on a latch first). */
    public synchronized ScriptedChatProvider answer(Function<ChatRequest, ChatResponse> answer) {
        script.add(answer);
        return this;
    }

    public synchronized ScriptedChatProvider fail(ProviderException e) {
        script.add(req -> {
            throw e;
        });
        return this;
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Scripted " + id;
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        requests.add(request);
        Function<ChatRequest, ChatResponse> next;
        synchronized (this) {
            next = script.poll();
        }
        if (next == null) {
            throw new ProviderException(id, ProviderException.Kind.PERMANENT, "The script has no more replies.");
        }
        return next.apply(request);
    }
}
