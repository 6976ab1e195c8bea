package org.orchestration.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.llm.TokenUsage;

/**
 * A deterministic {@link ChatProvider} for execution tests. By default every call answers
 * "Result of &lt;task title&gt;" with 100 input and 50 output tokens. Per task title a test can
 * script replies, inject failures (e.g. a 429 with retry-after), add latency or hold calls until
 * released; every wait ends at once when the call's {@link CancellationToken} is cancelled,
 * which then throws a CANCELLED {@link ProviderException}, as a real provider does.
 */
public final class TaskScriptProvider implements ChatProvider {

    public static final TokenUsage DEFAULT_USAGE = new TokenUsage(100, 50, 0, 0);

    private final String id;
    private volatile Duration latency = Duration.ZERO;
    private final Map<String, Function<Integer, ChatResponse>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<ProviderException>> failures = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerTask = new ConcurrentHashMap<>();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public TaskScriptProvider(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "Scripted";
    }

    private volatile Function<ChatRequest, ChatResponse> fallback = r -> text("Result of " + taskTitle(r));

    /** The reply for tasks without a script of their own (default: "Result of &lt;title&gt;"). */
    public TaskScriptProvider otherwise(Function<ChatRequest, ChatResponse> replies) {
        this.fallback = replies;
        return this;
    }

    public TaskScriptProvider latency(Duration d) {
        this.latency = d;
        return this;
    }

    /** Replies for the task titled {@code title}; the function gets the call number for that task (1-based). */
    public TaskScriptProvider script(String title, Function<Integer, ChatResponse> replies) {
        scripts.put(title, replies);
        return this;
    }

    /** The next calls for {@code title} throw these, in order. */
    public TaskScriptProvider fail(String title, ProviderException... errors) {
        failures.computeIfAbsent(title, k -> new CopyOnWriteArrayList<>()).addAll(List.of(errors));
        return this;
    }

    /** Calls for {@code title} wait until {@link #release} (or cancellation). */
    public TaskScriptProvider hold(String title) {
        holds.put(title, new CountDownLatch(1));
        return this;
    }

    public void release(String title) {
        CountDownLatch l = holds.remove(title);
        if (l != null) {
            l.countDown();
        }
    }

    /** Titles in the order their calls started (one entry per call). */
    public List<String> started() {
        return new ArrayList<>(started);
    }

    public List<ChatRequest> requests() {
        return new ArrayList<>(requests);
    }

    public int callsFor(String title) {
        AtomicInteger n = callsPerTask.get(title);
        return n == null ? 0 : n.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public static ChatResponse text(String text) {
        return new ChatResponse("scripted", List.of(new ContentBlock.Text(text)), DEFAULT_USAGE, StopReason.END_TURN);
    }

    /** A reply that asks for one tool call. */
    public static ChatResponse toolCall(String text, String tool, String inputJson) {
        try {
            return new ChatResponse("scripted", List.of(new ContentBlock.Text(text),
                    new ContentBlock.ToolUse("toolu_" + System.nanoTime(), tool, Json.mapper().readTree(inputJson))),
                    DEFAULT_USAGE, StopReason.TOOL_USE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ProviderException rateLimited(Duration retryAfter) {
        return new ProviderException("scripted", ProviderException.Kind.TRANSIENT, 429, retryAfter, "Rate limited (429).", null);
    }

    public static ProviderException permanent(String message) {
        return new ProviderException("scripted", ProviderException.Kind.PERMANENT, 400, null, message, null);
    }

    /** The task title from the prompt the executor builds ("# Your task: <title>"). */
    public static String taskTitle(ChatRequest request) {
        ChatMessage first = request.messages().get(0);
        String text = ((ContentBlock.Text) first.content().get(0)).text();
        int i = text.lastIndexOf("# Your task: ");
        if (i < 0) {
            return "";
        }
        int end = text.indexOf('\n', i);
        return text.substring(i + "# Your task: ".length(), end < 0 ? text.length() : end);
    }

    @Override
    public ChatResponse chat(ChatRequest request, CancellationToken cancel) {
        String title = taskTitle(request);
        int n = callsPerTask.computeIfAbsent(title, k -> new AtomicInteger()).incrementAndGet();
        requests.add(request);
        started.add(title);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            List<ProviderException> f = failures.get(title);
            if (f != null && !f.isEmpty()) {
                throw f.remove(0);
            }
            CountDownLatch hold = holds.get(title);
            if (hold != null) {
                await(hold, Duration.ofMinutes(5), cancel);
            }
            if (!latency.isZero()) {
                await(new CountDownLatch(1), latency, cancel);
            }
            if (cancel.isCancelled()) {
                throw cancelled();
            }
            Function<Integer, ChatResponse> script = scripts.get(title);
            return script != null ? script.apply(n) : fallback.apply(request);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private ProviderException cancelled() {
        return new ProviderException(id, ProviderException.Kind.CANCELLED, "The call was cancelled.");
    }

    private void await(CountDownLatch latch, Duration max, CancellationToken cancel) {
        Runnable unregister = cancel.onCancel(latch::countDown);
        try {
            latch.await(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        } finally {
            unregister.run();
        }
        if (cancel.isCancelled()) {
            throw cancelled();
        }
    }
}
