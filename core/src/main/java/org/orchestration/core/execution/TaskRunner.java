package org.orchestration.core.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orchestration.core.budget.Reservation;
import org.orchestration.core.budget.SpendGate;
import org.orchestration.core.budget.SpendRequest;
import org.orchestration.core.budget.UsageRecord;
import org.orchestration.core.errors.AppException;
import org.orchestration.core.errors.BudgetExceededException;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ChatMessage;
import org.orchestration.core.llm.ChatProvider;
import org.orchestration.core.llm.ChatRequest;
import org.orchestration.core.llm.ChatResponse;
import org.orchestration.core.llm.ContentBlock;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.ProviderAvailability;
import org.orchestration.core.llm.ProviderException;
import org.orchestration.core.llm.StopReason;
import org.orchestration.core.llm.ToolSpec;
import org.orchestration.core.model.Purpose;
import org.orchestration.core.tasks.TaskStore;
import org.orchestration.core.tasks.TaskWork;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolCatalog;
import org.orchestration.core.tools.ToolContext;
import org.orchestration.core.tools.ToolOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a task: the tool loop. Each round first reserves the most its call can cost
 * ({@link RoundReservation}; an unpriced model fails the task rather than spending blind), then calls the provider, records the
 * actual usage under the key {@code task:<id>:<attempt>:<round>} (a replay never double-counts)
 * and runs the tools the model asked for. When the budget runs out after the first round the task
 * completes with what it has and the note {@value #STOPPED_BUDGET}.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    static final String STOPPED_BUDGET = "stopped: budget";
    static final String STOPPED_ROUNDS = "stopped: tool round limit";
    static final String STOPPED_MAX_TOKENS = "stopped: max tokens";

    private final TaskStore store;
    private final Function<String, ChatProvider> providers;
    private final PriceBook prices;
    private final ToolCatalog tools;
    private final SpendGate budget;
    private final Path workspaces;
    private final ProviderAvailability availability;

    TaskRunner(TaskStore store, Function<String, ChatProvider> providers, PriceBook prices, ToolCatalog tools, SpendGate budget,
               Path workspaces, ProviderAvailability availability) {
        this.availability = availability;
        this.store = store;
        this.providers = providers;
        this.prices = prices;
        this.tools = tools;
        this.budget = budget;
        this.workspaces = workspaces;
    }

    AttemptResult run(TaskWork w, int maxRounds, CancellationToken cancel) {
        if (w.provider() == null || w.provider().isBlank()) {
            return failBeforeStart(w, "The task has no provider assigned.");
        }
        ChatProvider provider = providers.apply(w.provider());
        if (provider == null) {
            return failBeforeStart(w, "No provider '" + w.provider() + "' is configured for this task.");
        }
        if (w.model() == null || w.model().isBlank()) {
            return failBeforeStart(w, "The task has no model assigned.");
        }
        Optional<String> down = availability.unavailableReason(w.provider());
        if (down.isPresent()) {
            return new AttemptResult.ProviderWait(down.get());
        }
        List<ToolSpec> specs = w.tools().isEmpty() ? List.of() : tools.specsFor(w.tools());
        List<ChatMessage> messages = new ArrayList<>();
        RoundReservation bound = new RoundReservation(prices, w.model(), PromptBuilder.SYSTEM, specs, w.maxTokens());
        addMessage(messages, bound, ChatMessage.user(PromptBuilder.userPrompt(w.requirements(), w.planBody(), w.dependencies(),
                w.title(), w.description())));
        StringBuilder output = new StringBuilder();
        for (int round = 1; round <= maxRounds; round++) {
            if (cancel.isCancelled()) {
                return new AttemptResult.Cancelled();
            }
            OptionalLong estimate = bound.micros();
            if (estimate.isEmpty()) {
                return failBeforeStart(w, "No price for model " + w.model() + ": add it to the price table before running tasks with it.");
            }
            Reservation reservation;
            try {
                reservation = budget.reserve(new SpendRequest(w.owner().id(), w.projectId(), estimate.getAsLong()));
            } catch (BudgetExceededException e) {
                if (round == 1) {
                    return new AttemptResult.BudgetWait(e.getMessage());
                }
                log.info("Budget exhausted mid-tool-loop for task {} after {} round(s), keeping the partial result", w.taskId(), round - 1);
                store.log(w.projectId(), "warn", "Task '" + w.title() + "' stopped after " + (round - 1) + " round(s): " + e.getMessage(),
                        w.taskId());
                return new AttemptResult.Completed(output.toString(), STOPPED_BUDGET);
            }
            ChatResponse reply;
            AttemptResult.RoundUsage lastRound = null;
            // the RUNNING mark is committed while the call runs; its outcome is awaited before anything else is written
            Start start = round == 1 ? Start.mark(store.markRunningAsync(w), cancel) : Start.ALREADY;
            try {
                reply = provider.chat(new ChatRequest(w.model(), PromptBuilder.SYSTEM, messages, specs, w.maxTokens()), cancel);
                long cost = prices.costMicros(w.model(), reply.usage()).orElse(estimate.getAsLong());
                AttemptResult.RoundUsage usage = new AttemptResult.RoundUsage(reservation, new UsageRecord("task:" + w.taskId() + ":"
                        + w.attempt() + ":" + round, w.owner().id(), w.projectId(), w.taskId(), Purpose.TASK, provider.id(), w.model(),
                        reply.usage(), cost), round, reply.usage(), cost);
                if (!ownsTask(start, usage)) {
                    // the task changed (cancelled, say) before its RUNNING mark landed: the paid call still counts on it
                    recordInTransaction(usage, () -> {
                        store.countUnmarkedAttempt(w);
                        store.addUsage(w, usage.round(), usage.tokens(), usage.costMicros());
                        return null;
                    });
                    return new AttemptResult.Skipped();
                }
                if (reply.toolCalls().isEmpty()) {
                    // the last round: its usage is recorded in the completion's transaction (one commit, not three);
                    // the reservation stays held until then
                    lastRound = usage;
                } else {
                    recordInTransaction(usage, () -> {
                        store.addUsage(w, usage.round(), usage.tokens(), usage.costMicros());
                        return null;
                    });
                }
            } catch (ProviderException e) {
                if (!start.ours()) {
                    return new AttemptResult.Skipped();
                }
                return switch (e.kind()) {
                    case CANCELLED -> new AttemptResult.Cancelled();
                    case TRANSIENT -> new AttemptResult.Transient(e);
                    case PERMANENT -> new AttemptResult.Failed(e.getMessage());
                };
            } catch (RuntimeException e) {
                if (e instanceof AppException) {
                    throw e; // storage trouble: the executor marks the task failed
                }
                if (!start.ours()) {
                    return new AttemptResult.Skipped();
                }
                if (cancel.isCancelled()) {
                    return new AttemptResult.Cancelled();
                }
                log.warn("Provider {} failed unexpectedly on task {}", provider.id(), w.taskId(), e);
                return new AttemptResult.Failed(provider.displayName() + " failed unexpectedly: " + e.getMessage());
            } finally {
                if (lastRound == null) {
                    budget.release(reservation); // no-op when record already released it
                }
            }
            String text = reply.text();
            if (!text.isBlank()) {
                if (output.length() > 0) {
                    output.append("\n\n");
                }
                output.append(text);
            }
            List<ContentBlock.ToolUse> calls = reply.toolCalls();
            if (lastRound != null) {
                return new AttemptResult.Completed(output.toString(), reply.stopReason() == StopReason.MAX_TOKENS ? STOPPED_MAX_TOKENS : null,
                        lastRound);
            }
            List<ContentBlock> results = new ArrayList<>();
            for (ContentBlock.ToolUse call : calls) {
                if (cancel.isCancelled()) {
                    return new AttemptResult.Cancelled();
                }
                ToolOutcome outcome = runTool(w, call, cancel);
                store.addToolCall(w, round, call.name(), json(call), outcome.content(), outcome.isError());
                results.add(new ContentBlock.ToolResult(call.id(), call.name(), outcome.content(), outcome.isError()));
            }
            addMessage(messages, bound, ChatMessage.assistant(reply.content()));
            addMessage(messages, bound, new ChatMessage(ChatMessage.Role.USER, results));
        }
        return new AttemptResult.Completed(output.toString(), STOPPED_ROUNDS + " (" + maxRounds + ")");
    }

    private static void addMessage(List<ChatMessage> messages, RoundReservation bound, ChatMessage message) {
        messages.add(message);
        bound.add(message);
    }

    /**
     * Records a provider call's usage row (idempotent on its key) and runs {@code rest} in one
     * transaction. Should that transaction fail, the usage row is still written on its own, so a
     * paid call is never missing from the usage table. The reservation is released in any case.
     */
    <T> T recordInTransaction(AttemptResult.RoundUsage usage, Supplier<T> rest) {
        try {
            return store.inTransaction(() -> {
                budget.record(usage.reservation(), usage.record());
                return rest.get();
            });
        } catch (RuntimeException e) {
            try {
                budget.record(usage.reservation(), usage.record());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            budget.release(usage.reservation());
        }
    }

    /**
     * Waits for the attempt's RUNNING mark. Should that write have failed, the paid call's usage
     * row is still recorded before the storage error is passed on.
     */
    private boolean ownsTask(Start start, AttemptResult.RoundUsage usage) {
        try {
            return start.ours();
        } catch (RuntimeException storage) {
            try {
                budget.record(usage.reservation(), usage.record());
            } catch (RuntimeException again) {
                storage.addSuppressed(again);
            }
            throw storage;
        }
    }

    /**
     * The RUNNING mark of an attempt's first round, committed by the group committer while the
     * provider call is already under way (the call does not wait for the database). When the
     * mark finds the task changed (cancelled meanwhile) the call is cancelled.
     */
    private static final class Start {
        static final Start ALREADY = new Start(CompletableFuture.completedFuture(true));

        private final CompletableFuture<Boolean> mark;

        private Start(CompletableFuture<Boolean> mark) {
            this.mark = mark;
        }

        static Start mark(CompletableFuture<Boolean> mark, CancellationToken cancel) {
            mark.whenComplete((ours, error) -> {
                if (error != null || !ours) {
                    cancel.cancel();
                }
            });
            return new Start(mark);
        }

        /** Waits for the mark: true when this attempt owns the task; a storage failure is rethrown as it was thrown. */
        boolean ours() {
            return Completions.join(mark);
        }
    }

    /**
     * {@link #recordInTransaction} without waiting for the commit: queued for the next group
     * commit; the returned future completes on the committing thread once the usage row and
     * {@code rest} are committed (or, should that fail, once the usage row alone is written and
     * the reservation released) and fails with the error of {@code rest}'s transaction.
     */
    <T> CompletableFuture<T> recordAsync(AttemptResult.RoundUsage usage, Supplier<T> rest) {
        CompletableFuture<T> done = new CompletableFuture<>();
        store.submit(() -> {
            budget.record(usage.reservation(), usage.record());
            return rest.get();
        }).whenComplete((value, error) -> {
            if (error != null) {
                Throwable cause = Completions.cause(error);
                try {
                    budget.record(usage.reservation(), usage.record());
                } catch (RuntimeException again) {
                    cause.addSuppressed(again);
                }
                budget.release(usage.reservation());
                done.completeExceptionally(cause);
            } else {
                budget.release(usage.reservation());
                done.complete(value);
            }
        });
        return done;
    }

    /** Failures found before the first call still have to move the task out of PENDING. */
    private AttemptResult failBeforeStart(TaskWork w, String error) {
        if (!store.markRunning(w)) {
            return new AttemptResult.Skipped();
        }
        return new AttemptResult.Failed(error);
    }

    private ToolOutcome runTool(TaskWork w, ContentBlock.ToolUse call, CancellationToken cancel) {
        if (!w.tools().contains(call.name())) {
            return ToolOutcome.error("The tool '" + call.name() + "' is not enabled for this task. Available: " + String.join(", ", w.tools()));
        }
        Optional<Tool> tool = tools.find(call.name());
        if (tool.isEmpty()) {
            return ToolOutcome.error("Unknown tool '" + call.name() + "': it is not available in this installation.");
        }
        try {
            ToolContext ctx = new ToolContext(w.owner(), w.projectId(), w.taskId(), workspaces.resolve(w.projectId()));
            ToolOutcome out = tool.get().execute(ctx, call.input(), cancel);
            return out == null ? ToolOutcome.error("The tool returned nothing.") : out;
        } catch (RuntimeException e) {
            log.warn("Tool {} failed on task {}", call.name(), w.taskId(), e);
            return ToolOutcome.error("The tool '" + call.name() + "' failed: " + e.getMessage());
        }
    }

    private static String json(ContentBlock.ToolUse call) {
        try {
            return call.input() == null ? "{}" : Json.mapper().writeValueAsString(call.input());
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
