package org.orchestration.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.json.Json;
import org.orchestration.core.llm.CancellationToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ComfyUI's HTTP API as {@link GenerateImageTool} uses it: {@code POST /prompt} queues a graph,
 * {@code GET /history/{id}} is polled by the scheduler (no thread sleeps while waiting) until the
 * image is ready or {@code comfyui.generation_timeout_seconds} passes, and {@code /view} delivers
 * the image. Every call gets {@code comfyui.prompt_timeout_seconds} as its call timeout and is
 * aborted when the task is cancelled.
 *
 * <p>A prompt given up on (cancelled or timed out) is withdrawn in the background, so it does not
 * keep the GPU busy: {@code POST /queue {"delete":[id]}} removes it if still pending, then
 * {@code GET /queue} shows whether it is running, and only then {@code POST /interrupt
 * {"prompt_id":id}} stops it (an older ComfyUI ignores the body and interrupts whatever runs, so
 * the check keeps us from stopping someone else's job).
 */
final class ComfyUiClient {

    private static final Logger log = LoggerFactory.getLogger(ComfyUiClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_POLL_FAILURES = 5;
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient client;
    /** For withdrawing an abandoned prompt: short, so a hung ComfyUI cannot pile up calls. */
    private final OkHttpClient cleanupClient;
    private final AppConfig.ComfyUi config;
    private final String base;
    private final ScheduledExecutorService scheduler;
    private final Duration pollInterval;
    private final long maxImageBytes;

    ComfyUiClient(OkHttpClient sharedClient, AppConfig.ComfyUi config, ScheduledExecutorService scheduler,
                  Duration pollInterval, long maxImageBytes) {
        this.client = sharedClient.newBuilder().callTimeout(config.promptTimeout()).build();
        Duration cleanupTimeout = config.promptTimeout().compareTo(CLEANUP_TIMEOUT) < 0 ? config.promptTimeout() : CLEANUP_TIMEOUT;
        this.cleanupClient = sharedClient.newBuilder().callTimeout(cleanupTimeout).build();
        this.config = config;
        this.base = OllamaGenerateTool.strip(config.url());
        this.scheduler = scheduler;
        this.pollInterval = pollInterval;
        this.maxImageBytes = maxImageBytes;
    }

    /** The server's base URL, for messages. */
    String base() {
        return base;
    }

    /** A ComfyUI answer that ends the call with a message for the model. */
    static class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    /** The generation timeout passed while the prompt was still queued or running. */
    private static final class TimedOut extends Failure {
        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * Withdraws a prompt we no longer wait for, without blocking the caller: delete it from the
     * queue (a no-op once it runs), then interrupt it only if {@code GET /queue} lists it as running.
     * Delete comes first so a prompt that starts between the two calls is still seen running.
     * Failures are logged; the tool's answer does not wait for any of this.
     */
    private void withdraw(String promptId) {
        ObjectNode delete = Json.mapper().createObjectNode();
        delete.putArray("delete").add(promptId);
        send(new Request.Builder().url(base + "/queue").post(RequestBody.create(delete.toString(), JSON)).build(),
                "remove prompt " + promptId + " from the queue", deleted ->
                        send(new Request.Builder().url(base + "/queue").get().build(), "read the queue", queue -> {
                            if (isRunning(queue, promptId)) {
                                ObjectNode interrupt = Json.mapper().createObjectNode().put("prompt_id", promptId);
                                send(new Request.Builder().url(base + "/interrupt")
                                        .post(RequestBody.create(interrupt.toString(), JSON)).build(),
                                        "interrupt prompt " + promptId, r -> log.info("Interrupted ComfyUI prompt {}", promptId));
                            }
                        }));
    }

    /** {@code GET /queue} lists running items as arrays {@code [number, prompt_id, prompt, extra_data, outputs]}. */
    private static boolean isRunning(HttpCalls.Reply queue, String promptId) {
        try {
            for (JsonNode item : queue.json().path("queue_running")) {
                if (promptId.equals(item.path(1).asText(null))) {
                    return true;
                }
            }
        } catch (IOException e) {
            log.warn("ComfyUI's /queue answer is not JSON: {}", e.getMessage());
        }
        return false;
    }

    /** One asynchronous call on the cleanup client; {@code then} runs only on a 2xx reply. */
    private void send(Request request, String what, Consumer<HttpCalls.Reply> then) {
        cleanupClient.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    HttpCalls.Reply reply = new HttpCalls.Reply(response.code(),
                            response.body() == null ? new byte[0] : response.body().bytes());
                    if (reply.ok()) {
                        then.accept(reply);
                    } else {
                        log.warn("Could not {} on ComfyUI (HTTP {}): {}", what, reply.code(), HttpCalls.errorText(reply));
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("Could not {} on ComfyUI: {}", what, e.getMessage());
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                log.warn("Could not {} on ComfyUI: {}", what, e.getMessage());
            }
        });
    }

    /** Queues the graph with {@code POST /prompt}; returns ComfyUI's prompt id. */
    String submit(ObjectNode graph, CancellationToken cancel) throws IOException, Failure {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("prompt", graph);
        body.put("client_id", UUID.randomUUID().toString());
        Request request = new Request.Builder().url(base + "/prompt").post(RequestBody.create(body.toString(), JSON)).build();
        HttpCalls.Reply reply = HttpCalls.execute(client, request, cancel);
        if (!reply.ok()) {
            String details = HttpCalls.errorText(reply);
            try {
                JsonNode nodeErrors = reply.json().path("node_errors");
                if (nodeErrors.size() > 0) {
                    details += " " + nodeErrors;
                }
            } catch (IOException ignored) {
                // plain-text error
            }
            throw new Failure("ComfyUI refused the workflow (HTTP " + reply.code() + "): " + details);
        }
        JsonNode id = reply.json().path("prompt_id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new Failure("ComfyUI's answer to /prompt had no prompt_id.");
        }
        return id.asText();
    }

    /** Polls /history/{id} on the scheduler until done, failed, timed out or cancelled. */
    JsonNode awaitHistory(String promptId, CancellationToken cancel) throws Failure, IOException {
        CompletableFuture<JsonNode> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + config.generationTimeout().toNanos();
        Runnable unregister = cancel.onCancel(() -> done.cancel(false));
        Poller poller = new Poller(promptId, done, deadline);
        try {
            scheduler.execute(poller);
            return done.get(config.generationTimeout().toMillis() + config.promptTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new Failure("Image generation is not possible while the app is shutting down.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.cancel(false);
            withdraw(promptId);
            throw new CancellationException("interrupted");
        } catch (CancellationException e) {
            withdraw(promptId);
            throw e;
        } catch (TimeoutException e) {
            done.cancel(false);
            withdraw(promptId);
            throw new Failure(timeoutMessage(promptId));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimedOut f) {
                withdraw(promptId);
                throw f;
            }
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            throw new Failure("Polling ComfyUI failed: " + e.getCause().getMessage());
        } finally {
            unregister.run();
        }
    }

    private String timeoutMessage(String promptId) {
        return "ComfyUI did not finish prompt " + promptId + " within " + config.generationTimeout().toSeconds()
                + " s (comfyui.generation_timeout_seconds).";
    }

    /**
     * One poll cycle: the scheduler only starts an asynchronous {@code /history} call (so a slow
     * ComfyUI never blocks the shared scheduler thread); the answer completes the future or
     * schedules the next poll.
     */
    private final class Poller implements Runnable {
        private final String promptId;
        private final CompletableFuture<JsonNode> done;
        private final long deadline;
        private int failures;

        Poller(String promptId, CompletableFuture<JsonNode> done, long deadline) {
            this.promptId = promptId;
            this.done = done;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            if (done.isDone()) {
                return;
            }
            HttpUrl url = HttpUrl.get(base).newBuilder().addPathSegment("history").addPathSegment(promptId).build();
            Call call = client.newCall(new Request.Builder().url(url).get().build());
            done.whenComplete((v, e) -> call.cancel());
            call.enqueue(new Callback() {
                @Override
                public void onResponse(Call c, Response response) {
                    try (response) {
                        byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
                        handle(new HttpCalls.Reply(response.code(), body));
                    } catch (IOException | RuntimeException e) {
                        failed(e);
                    }
                }

                @Override
                public void onFailure(Call c, IOException e) {
                    failed(e);
                }
            });
        }

        private void handle(HttpCalls.Reply reply) throws IOException {
            if (!reply.ok()) {
                throw new IOException("HTTP " + reply.code() + ": " + HttpCalls.errorText(reply));
            }
            failures = 0;
            JsonNode entry = reply.json().path(promptId);
            if (!entry.isMissingNode() && !entry.isNull()) {
                JsonNode status = entry.path("status");
                if ("error".equals(status.path("status_str").asText())) {
                    done.completeExceptionally(new Failure("ComfyUI failed to run prompt " + promptId + ": "
                            + status.path("messages")));
                    return;
                }
                if (firstImage(entry) != null || status.path("completed").asBoolean(false)) {
                    done.complete(entry);
                    return;
                }
            }
            next();
        }

        private void failed(Exception e) {
            if (done.isDone()) {
                return;
            }
            if (++failures >= MAX_POLL_FAILURES) {
                done.completeExceptionally(new Failure("ComfyUI stopped answering while generating (" + e.getMessage() + ")."));
                return;
            }
            log.debug("Polling ComfyUI history for {} failed ({}), will retry", promptId, e.getMessage());
            next();
        }

        private void next() {
            if (System.nanoTime() >= deadline) {
                done.completeExceptionally(new TimedOut(timeoutMessage(promptId)));
                return;
            }
            try {
                scheduler.schedule(this, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(new Failure("Image generation stopped: the app is shutting down."));
            }
        }
    }

    /** The first image of a history entry's outputs, or null. */
    static JsonNode firstImage(JsonNode entry) {
        for (JsonNode output : entry.path("outputs")) {
            JsonNode images = output.path("images");
            if (images.isArray() && images.size() > 0) {
                return images.get(0);
            }
        }
        return null;
    }

    /** Downloads an image named by a history entry from {@code /view}, within the size limit. */
    byte[] fetch(JsonNode image, CancellationToken cancel) throws IOException, Failure {
        HttpUrl url = HttpUrl.get(base).newBuilder().addPathSegment("view")
                .addQueryParameter("filename", image.path("filename").asText())
                .addQueryParameter("subfolder", image.path("subfolder").asText(""))
                .addQueryParameter("type", image.path("type").asText("output"))
                .build();
        HttpCalls.Reply reply = HttpCalls.execute(client, new Request.Builder().url(url).get().build(), cancel);
        if (!reply.ok()) {
            throw new Failure("ComfyUI could not deliver the image (HTTP " + reply.code() + "): " + HttpCalls.errorText(reply));
        }
        if (reply.body().length == 0) {
            throw new Failure("ComfyUI delivered an empty image.");
        }
        if (reply.body().length > maxImageBytes) {
            throw new Failure("The image is " + reply.body().length + " bytes; the limit is " + maxImageBytes + ".");
        }
        return reply.body();
    }
}
